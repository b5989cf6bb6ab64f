"""The web application on a database of its own per test (SQLite, made by init_db), real
argon2 accounts, and a real HTTP server on loopback standing in for Rasa's HTTP API."""

from __future__ import annotations

import json
import re
import shutil
import threading
from collections.abc import Iterator
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import Engine
from starlette.testclient import TestClient

from lotse.config import Settings, get_settings
from lotse.db import make_engine, session_scope
from lotse.handover.live import request_chat
from lotse.knowledge import knowledge
from lotse.schema import init_db
from lotse.staff.accounts import create_account
from web.app import create_app

PASSWORD = "ein-langes-passwort-1"
OTHER_PASSWORD = "noch-ein-langes-passwort"
RASA_TOKEN = "rasa-geheim"
LOCKOUT_ATTEMPTS = 3
CONVERSATION = "b5c1e0f2a9d84c3e"
SIGNING_KEY = "test-conversation-signing-key"
SITE = "http://testserver"


def conversation_headers(conversation_id: str = CONVERSATION) -> dict[str, str]:
    """What the widget of that conversation sends: its token (and its page's origin)."""
    from lotse.conversation_token import sign
    from web.relay import TOKEN_HEADER

    return {TOKEN_HEADER: sign(SIGNING_KEY, conversation_id), "Origin": SITE}
ASKED = "Kann ich bitte mit einem Menschen sprechen?"


class RasaStub:
    """Rasa's tracker endpoints: serves `trackers[id]`, appends what is posted and records it
    (with the token it came with); answers 503 while `down`."""

    def __init__(self) -> None:
        self.trackers: dict[str, list[dict[str, Any]]] = {}
        self.appended: list[tuple[str, list[dict[str, Any]]]] = []
        self.tokens: list[str | None] = []
        self.down = False
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def _target(self) -> tuple[str, str]:
                url = urlsplit(self.path)
                stub.tokens.append((parse_qs(url.query).get("token") or [None])[0])
                match = re.fullmatch(r"/conversations/([^/]+)/tracker(/events)?", url.path)
                if match is None:
                    return "", ""
                return match.group(1), "events" if match.group(2) else "tracker"

            def _answer(self, status: int, body: Any = None) -> None:
                data = json.dumps(body if body is not None else {}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                conversation, kind = self._target()
                if stub.down:
                    self._answer(503)
                elif kind != "tracker":
                    self._answer(404)
                else:
                    events = stub.trackers.get(conversation, [])
                    self._answer(200, {"sender_id": conversation, "events": events})

            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                conversation, kind = self._target()
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if stub.down:
                    self._answer(503)
                elif kind != "events":
                    self._answer(404)
                else:
                    stub.appended.append((conversation, body))
                    stub.trackers.setdefault(conversation, []).extend(body)
                    self._answer(200, {"sender_id": conversation})

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def appended_events(self) -> list[dict[str, Any]]:
        return [event for _, events in self.appended for event in events]


@pytest.fixture
def rasa() -> Iterator[RasaStub]:
    stub = RasaStub()
    yield stub
    stub.server.shutdown()
    stub.server.server_close()


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the schema and two accounts, made once: argon2 and init_db are slow,
    so each test gets a copy of this file instead of building its own."""
    path = tmp_path_factory.mktemp("seed") / "lotse.db"
    engine = make_engine(f"sqlite:///{path}")
    init_db(engine)
    with session_scope(engine) as session:
        create_account(session, "mbecker", PASSWORD, "Frau Becker", "wba_sued")
        create_account(session, "tschulz", OTHER_PASSWORD, "Herr Schulz", "wba_nord")
    engine.dispose()
    return path


@pytest.fixture
def engine(seeded_database: Path, tmp_path: Path) -> Iterator[Engine]:
    path = tmp_path / "lotse.db"
    shutil.copyfile(seeded_database, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture
def settings(rasa: RasaStub) -> Settings:
    return get_settings().replace(rasa_url=rasa.url, rasa_auth_token=RASA_TOKEN,
                               staff_lockout_attempts=LOCKOUT_ATTEMPTS, staff_lockout_minutes=15,
                               staff_session_hours=8, staff_idle_minutes=30, staff_cookie_secure=False,
                               live_chat_wait_minutes=5, conversation_signing_key=SIGNING_KEY,
                               site_origins=frozenset({SITE}))


@pytest.fixture
def app(engine: Engine, settings: Settings):
    return create_app(bind=engine, settings=settings)


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app, follow_redirects=False) as test_client:
        yield test_client


@pytest.fixture
def becker(client: TestClient) -> TestClient:
    """The client, logged in as Frau Becker (team wba_sued)."""
    assert log_in(client, "mbecker", PASSWORD).status_code == 303
    return client


@pytest.fixture
def schulz(app) -> Iterator[TestClient]:
    """A second browser, logged in as Herr Schulz (team wba_nord)."""
    with TestClient(app, follow_redirects=False) as other:
        assert log_in(other, "tschulz", OTHER_PASSWORD).status_code == 303
        yield other


def hidden_csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def log_in(client: TestClient, username: str, password: str):
    page = client.get("/staff/login")
    return client.post("/staff/login", data={"username": username, "password": password,
                                             "csrf_token": hidden_csrf(page.text)})


def csrf_of(client: TestClient) -> str:
    """The session's CSRF token, as the console's pages carry it."""
    page = client.get("/staff/")
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', page.text).group(1)


def login_error(html: str) -> str | None:
    found = re.search(r'<p class="error" role="alert">([^<]*)</p>', html)
    return found.group(1) if found else None


@pytest.fixture
def chat_id(engine: Engine, rasa: RasaStub) -> int:
    """A visitor of Halle waiting for a person, with their conversation so far in Rasa."""
    start = datetime.now(timezone.utc).timestamp() - 60
    rasa.trackers[CONVERSATION] = [
        {"event": "session_started", "timestamp": start},
        {"event": "user", "text": ASKED, "timestamp": start + 1},
        {"event": "bot", "text": "Ich frage, ob jemand frei ist.", "timestamp": start + 2},
    ]
    with session_scope(engine) as session:
        return request_chat(session, CONVERSATION, "halle", "wba_sued", "Ziel: Umschulung").id


def relay(client: TestClient, after: int = 0) -> dict[str, Any]:
    """What the visitor's widget gets for the conversation."""
    response = client.get(f"/chat/{CONVERSATION}/messages", params={"after": after},
                          headers=conversation_headers())
    assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
    return response.json()


def wording() -> dict[str, str]:
    return knowledge().handover.data["live_chat"]
