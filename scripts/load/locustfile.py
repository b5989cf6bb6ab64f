"""Visitors for `make bench-load` (Locust, in its own environment .venv-load): conversations of
6 to 10 turns with think time, over the REST channel (through nginx's internal side, round
robin) and over the widget's socket.io channel (through nginx's public side, a session from
the web process as the widget gets it). Each turn is one measured request: REST until the
reply arrives, socket.io until the first reply message arrives.

The load grows in steps (StepsUntilSlow) until the 95th percentile of the last step passes
LOAD_P95_LIMIT_MS, or LOAD_MAX_USERS is reached.
"""

from __future__ import annotations

import json
import os
import random
import threading
import time
import uuid

import requests
import socketio
from locust import HttpUser, LoadTestShape, User, between, events, task

CONVERSATIONS = [
    ["Hallo", "Ich bin arbeitslos und möchte mich weiterbilden", "Magdeburg", "Pflege",
     "Ich habe eine Ausbildung als Verkäuferin", "ja", "Bürgergeld", "Danke, tschüss"],
    ["suche einen excel kurs in magdeburg", "nur online", "weitere Angebote", "was kostet der zweite?",
     "wer bezahlt das?", "Danke, tschüss"],
    ["Hallo", "Wir sind ein Betrieb mit 40 Leuten in Dessau und wollen zwei Leute zum CNC-Fräsen schulen",
     "ja", "Maschinenbau", "wie viel wird gefördert?", "Welche Kurse gibt es dazu?", "danke", "tschüss"],
    ["was ist ein bildungsgutschein", "bin seit 3 monaten arbeitslos", "halle", "lager und logistik",
     "staplerschein", "gibt es das auch abends?", "Danke"],
]
STEP_USERS = int(os.environ.get("LOAD_STEP_USERS") or 10)
STEP_SECONDS = float(os.environ.get("LOAD_STEP_SECONDS") or 30)
MAX_USERS = int(os.environ.get("LOAD_MAX_USERS") or 200)
P95_LIMIT_MS = float(os.environ.get("LOAD_P95_LIMIT_MS") or 1000)
PUBLIC_URL = os.environ.get("LOAD_PUBLIC_URL", "")
SOCKET_SHARE = float(os.environ.get("LOAD_SOCKET_SHARE") or 0.5)


class RestVisitor(HttpUser):
    """A visitor's conversation over Rasa's REST channel."""

    wait_time = between(2, 5)
    weight = 1

    def on_start(self) -> None:
        self.script = random.choice(CONVERSATIONS)
        self.sender = uuid.uuid4().hex
        self.turn = 0

    @task
    def say(self) -> None:
        if self.turn >= len(self.script):  # a new visitor
            self.on_start()
        message = self.script[self.turn]
        self.turn += 1
        with self.client.post("/webhooks/rest/webhook", json={"sender": self.sender, "message": message},
                              name="rest turn", catch_response=True) as answer:
            if answer.status_code != 200 or not answer.json():
                answer.failure("keine Antwort")


class SocketVisitor(User):
    """A visitor in the widget: socket.io with websocket transport, through nginx."""

    wait_time = between(2, 5)
    weight = 1

    def on_start(self) -> None:
        self.script = random.choice(CONVERSATIONS)
        self.turn = 0
        session = requests.post(f"{PUBLIC_URL}/chat/session", headers={"Origin": PUBLIC_URL},
                                timeout=30).json()
        self.session_id = session["sessionId"]
        self.replied = threading.Event()
        self.confirmed = threading.Event()
        self.client = socketio.Client(reconnection=False)
        self.client.on("bot_uttered", lambda _message: self.replied.set())
        self.client.on("session_confirm", lambda _sid: self.confirmed.set())
        self.client.connect(PUBLIC_URL, socketio_path="/socket.io", transports=["websocket"],
                            headers={"Origin": PUBLIC_URL}, wait_timeout=30)
        self.client.emit("session_request", {"session_id": self.session_id, "token": session["token"]})
        self.confirmed.wait(30)

    def on_stop(self) -> None:
        self.client.disconnect()

    @task
    def say(self) -> None:
        if self.turn >= len(self.script):
            self.on_stop()
            self.on_start()
        message = self.script[self.turn]
        self.turn += 1
        self.replied.clear()
        started = time.perf_counter()
        error = None
        self.client.emit("user_uttered", {"message": message, "session_id": self.session_id})
        if not self.replied.wait(60):
            error = TimeoutError("keine Antwort in 60 s")
        events.request.fire(request_type="socket.io", name="socket turn",
                            response_time=(time.perf_counter() - started) * 1000, response_length=0,
                            exception=error, context={})


RestVisitor.weight = max(1, round(10 * (1 - SOCKET_SHARE)))
SocketVisitor.weight = max(1, round(10 * SOCKET_SHARE))


RECORDS: list[tuple[float, float, bool]] = []  # (when, milliseconds, failed) of every turn


@events.request.add_listener
def _record(response_time: float, exception: BaseException | None = None, **_kwargs: object) -> None:
    RECORDS.append((time.monotonic(), response_time, exception is not None))


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else 0.0


def step_figures(users: int, since: float, until: float) -> dict[str, float]:
    """The turns of one step, without its first 5 seconds (the new visitors starting)."""
    turns = [(ms, failed) for when, ms, failed in RECORDS if since + 5 <= when < until]
    times = sorted(ms for ms, _ in turns)
    seconds = max(until - since - 5, 1)
    return {"users": users, "messages_per_s": round(len(turns) / seconds, 2),
            "p50_ms": round(percentile(times, 0.5)), "p95_ms": round(percentile(times, 0.95)),
            "p99_ms": round(percentile(times, 0.99)),
            "error_rate": round(sum(failed for _, failed in turns) / len(turns), 4) if turns else 0.0,
            "turns": len(turns)}


class StepsUntilSlow(LoadTestShape):
    """STEP_USERS more visitors every STEP_SECONDS, until a step's p95 passes the limit."""

    def __init__(self) -> None:
        super().__init__()
        self.step = 0
        self.step_started = time.monotonic()

    def tick(self) -> tuple[int, float] | None:
        step = int(self.get_run_time() // STEP_SECONDS) + 1
        if step != self.step:
            now = time.monotonic()
            if self.step:
                figures = step_figures(self.step * STEP_USERS, self.step_started, now)
                print("STEP " + json.dumps(figures), flush=True)
                if figures["p95_ms"] > P95_LIMIT_MS or self.step * STEP_USERS >= MAX_USERS:
                    return None
            self.step, self.step_started = step, now
        return self.step * STEP_USERS, STEP_USERS
