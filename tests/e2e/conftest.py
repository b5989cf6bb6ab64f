"""Boot the real servers (action server, Rasa, web, worker) on test ports for end-to-end
tests, with a real SMTP server (aiosmtpd) on loopback as the team's mailbox. When the last
test that used them is done, no server may have logged a traceback: else the run fails."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.e2e.browser import chromium
from tests.loopback import Mailbox, TcpProxy

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from processes import wait_until_up  # noqa: E402

PORTS = {"RASA_PORT": "15005", "ACTION_PORT": "15055", "WEB_PORT": "18000"}
TOKEN = "e2e-test-token"
ACTION_SECRET = "e2e-action-secret"
SIGNING_KEY = "e2e-conversation-signing-key"
TEAM_MAILBOX = "team-sued@wba.example"
STAFF_USER, STAFF_PASSWORD = "becker", "e2e-ein-langes-passwort"
STARTUP_SECONDS = 240
TRACEBACK = "Traceback (most recent call last)"
TAIL_CHARS = 3000


def logged_tracebacks(workdir: Path) -> list[str]:
    """Each server log in `workdir` that holds a traceback: its name, the first traceback and
    the log's tail."""
    found = []
    for log in sorted(workdir.glob("*.log")):
        text = log.read_text(errors="replace")
        first = text.find(TRACEBACK)
        if first < 0:
            continue
        line = text.count("\n", 0, first) + 1
        report = f"{log.name}, first traceback in line {line}"
        if first < len(text) - TAIL_CHARS:
            report += f":\n{text[first:first + TAIL_CHARS]}\n… tail of {log.name}"
        found.append(f"{report}:\n{text[-TAIL_CHARS:]}")
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Chromium for a module's browser tests."""
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def mailbox() -> Iterator[Mailbox]:
    with Mailbox.running() as box:
        yield box


@pytest.fixture(scope="session")
def rasa_proxy() -> Iterator[TcpProxy]:
    """The widget in the browser reaches Rasa through this hop, so a test can drop the line."""
    proxy = TcpProxy(int(PORTS["RASA_PORT"]))
    yield proxy
    proxy.close()


@pytest.fixture(scope="session")
def servers(mailbox: Mailbox, rasa_proxy: TcpProxy) -> Iterator[dict[str, str]]:
    workdir = Path(tempfile.mkdtemp(prefix="lotse-e2e-"))
    env = dict(os.environ, **PORTS, RASA_AUTH_TOKEN=TOKEN, ACTION_SERVER_SECRET=ACTION_SECRET,
               CONVERSATION_SIGNING_KEY=SIGNING_KEY, LOG_LEVEL="INFO",
               ACTION_SERVER_URL=f"http://localhost:{PORTS['ACTION_PORT']}/webhook",
               TRACKER_DB=str(workdir / "tracker.db"),
               DATABASE_URL=f"sqlite:///{workdir / 'lotse.db'}",
               SMTP_HOST="127.0.0.1", SMTP_PORT=str(mailbox.port), HANDOVER_EMAIL_WBA_SUED=TEAM_MAILBOX,
               OUTBOX_INTERVAL_S="1", STAFF_CONSOLE_URL=f"http://localhost:{PORTS['WEB_PORT']}",
               STAFF_PASSWORD=STAFF_PASSWORD, WIDGET_RASA_URL=f"http://127.0.0.1:{rasa_proxy.port}",
               # Corrections of the conversation review go here, not into the project's data/.
               REVIEW_FILE=str(workdir / "review.yml"))
    commands = {
        "actions": [str(ROOT / ".venv-app/bin/python"), "-m", "action_server"],
        "rasa": [str(ROOT / "bin/run-rasa")],
        "web": [sys.executable, "-m", "web"],
        "worker": [sys.executable, "-m", "lotse.worker"],
    }
    health = {
        "actions": f"http://localhost:{PORTS['ACTION_PORT']}/health",
        "rasa": f"http://localhost:{PORTS['RASA_PORT']}/",
        "web": f"http://localhost:{PORTS['WEB_PORT']}/health",
    }
    # A small demo catalogue, loaded by the project's own command as `make run` does.
    for command in (["init-db"], ["demo-catalogue", "--count", "4000"],
                    ["staff-add", STAFF_USER, "--name", "Frau Becker", "--team", "wba_sued"]):
        subprocess.run([str(ROOT / ".venv-app/bin/python"), "-m", "lotse.cli", *command], cwd=ROOT,
                       env=env, check=True, stdout=subprocess.DEVNULL)
    processes = {}
    try:
        for name, command in commands.items():
            log = workdir / f"{name}.log"
            processes[name] = (subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("w"),
                                                stderr=subprocess.STDOUT), log)
        for name, (process, log) in processes.items():
            if name in health:
                wait_until_up(health[name], process, log, STARTUP_SECONDS)
        yield {"rasa": health["rasa"].rstrip("/"), "web": f"http://localhost:{PORTS['WEB_PORT']}",
               "token": TOKEN, "workdir": str(workdir), "tracker_db": str(workdir / "tracker.db"),
               "database": str(workdir / "lotse.db"), "review_file": str(workdir / "review.yml")}
        # After the last test that used the servers (session scope: the end of the run), while
        # they still run: no process failed on the way, even where the visitor still got an
        # answer. A failure here is the run's error "at teardown of" its last test.
        tracebacks = logged_tracebacks(workdir)
    finally:
        for process, _ in processes.values():
            process.terminate()
        for process, _ in processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
    if tracebacks:
        pytest.fail(f"A server logged a traceback during the end-to-end tests ({workdir}):\n\n"
                    + "\n\n".join(tracebacks), pytrace=False)
