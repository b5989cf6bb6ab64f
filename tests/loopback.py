"""Real servers on loopback for tests: an SMTP mailbox (aiosmtpd) and an HTTP receiver."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Iterator
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """A real SMTP server on loopback that keeps what it receives."""

    def __init__(self, port: int) -> None:
        self.port, self.messages = port, []
        self.controller = Controller(self, hostname="127.0.0.1", port=port)

    def stop(self) -> None:
        self.controller.stop()

    @classmethod
    @contextlib.contextmanager
    def running(cls) -> Iterator[Mailbox]:
        """A mailbox on a free port for the length of the block."""
        box = cls(free_port())
        box.controller.start()
        try:
            yield box
        finally:
            box.controller.stop()

    def start_again(self) -> None:
        """The mail server back on the same port (a stopped controller cannot start again)."""
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 OK"


class Receiver:
    """A real HTTP server that accepts webhooks (or answers 503 while `down`)."""

    def __init__(self, port: int) -> None:
        self.received, self.down = [], False
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if receiver.down:
                    self.send_response(503)
                else:
                    receiver.received.append((self.headers["Idempotency-Key"], json.loads(body)))
                    self.send_response(204)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/faelle"


class TcpProxy:
    """A real TCP hop on loopback whose connections a test can cut, like a dropped network:
    `drop()` closes every open connection and refuses new ones until `resume()`."""

    def __init__(self, target_port: int, port: int | None = None) -> None:
        self.target_port, self.down = target_port, False
        self.listener = socket.create_server(("127.0.0.1", port or free_port()))
        self.port = self.listener.getsockname()[1]
        self.open: list[socket.socket] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.down:
                client.close()
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)  # the timeout was for connecting; a chat may idle for long
            with self.lock:
                self.open += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def drop(self) -> None:
        self.down = True
        with self.lock:
            connections, self.open = self.open, []
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
                connection.close()

    def resume(self) -> None:
        self.down = False

    def close(self) -> None:
        self.drop()
        self.listener.close()
