"""Helpers for attacking the staff login over real HTTP: the app under uvicorn on a free
loopback port, logins sent from chosen loopback addresses (127.0.0.0/8 is all loopback on
Linux, so each thread can be a client of its own), and a clock the test moves."""

from __future__ import annotations

import http.client
import re
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TypeVar
from urllib.parse import urlencode

import uvicorn

T = TypeVar("T")


class Clock:
    """The time the login throttle goes by (`app.state.clock`), moved instead of waited for."""

    def __init__(self) -> None:
        self.now = datetime.now(timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@contextmanager
def live_server(app) -> Iterator[int]:
    """The app under uvicorn on 127.0.0.1; yields the port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_level="warning", access_log=False, ws="none", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield sock.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@dataclass(frozen=True)
class Answer:
    status: int
    error: str | None  # the login page's message
    location: str | None  # where a success leads
    seconds: float  # from sending the request to the end of the answer


def post_login(port: int, username: str, password: str, source: str,
               headers: dict[str, str] | None = None) -> Answer:
    """A login as an attacker sends it: no page fetched first, the form token made up (the
    double-submit check only wants the cookie and the field to agree)."""
    token = secrets.token_urlsafe(16)
    body = urlencode({"username": username, "password": password, "csrf_token": token})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120, source_address=(source, 0))
    try:
        started = time.perf_counter()
        connection.request("POST", "/staff/login", body, {
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"lotse_login_csrf={token}",
            **(headers or {})})
        response = connection.getresponse()
        text = response.read().decode()
        seconds = time.perf_counter() - started
    finally:
        connection.close()
    found = re.search(r'<p class="error" role="alert">([^<]*)</p>', text)
    return Answer(response.status, found.group(1) if found else None, response.getheader("location"), seconds)


