"""The production profile on loopback: PostgreSQL (conversations and the application's
database), Redis (Rasa's lock store), N Rasa instances and M action servers behind nginx, the
web process and the worker, each started by the project's own command with the environment a
deployment would give it (.env.example, deploy/).

Used by `make test-scale` (tests/scale/) and `make bench-load`. PostgreSQL, Redis and nginx
come from Debian's packages (`make scale-deps`).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pg_server  # noqa: E402
from processes import wait_until_up  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
APP_PYTHON = str(ROOT / ".venv-app" / "bin" / "python")
NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "lotse.conf.template"
STARTUP_SECONDS = 300
LOOPBACK = "127.0.0.1"


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def missing_programs() -> list[str]:
    """What `make scale-deps` would install."""
    missing = [name for name in ("redis-server", "nginx") if not _program(name)]
    if pg_server.binaries() is None:
        missing.append("postgresql")
    return missing


def _program(name: str) -> str | None:
    return shutil.which(name) or next((str(Path(d, name)) for d in ("/usr/sbin", "/usr/bin")
                                       if Path(d, name).exists()), None)


@dataclass
class Service:
    """One process of the stack, which a test may stop, kill and start again."""

    name: str
    command: list[str]
    env: dict[str, str]
    log: Path
    health: str | None = None
    process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=self.env, stdout=self.log.open("a"),
                                        stderr=subprocess.STDOUT, start_new_session=True)

    def wait(self, seconds: float = STARTUP_SECONDS) -> None:
        if self.health and self.process:
            wait_until_up(self.health, self.process, self.log, seconds)

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, kill: bool = False) -> None:
        if not self.running():
            return
        assert self.process is not None
        try:
            os.killpg(self.process.pid, signal.SIGKILL if kill else signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def restart(self) -> None:
        self.stop()
        self.start()
        self.wait()


@dataclass
class Stack:
    rasa_instances: int = 2
    action_servers: int = 2
    smtp_port: int | None = None
    catalogue_size: int = 4000
    extra_env: dict[str, str] = field(default_factory=dict)
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="lotse-stack-")))
    services: dict[str, Service] = field(default_factory=dict)
    postgres: pg_server.TestServer | None = None
    env: dict[str, str] = field(default_factory=dict)

    # -- addresses ------------------------------------------------------------------------

    @property
    def public(self) -> str:
        return f"http://{LOOPBACK}:{self.ports['public']}"

    @property
    def internal(self) -> str:
        """Rasa's REST channel and HTTP API through nginx (round robin)."""
        return f"http://{LOOPBACK}:{self.ports['internal']}"

    def rasa(self, index: int) -> str:
        """One Rasa instance directly (1-based), bypassing nginx."""
        return f"http://{LOOPBACK}:{self.ports[f'rasa{index}']}"

    # -- life cycle -----------------------------------------------------------------------

    def start(self) -> Stack:
        missing = missing_programs()
        if missing:
            raise RuntimeError(f"Es fehlt: {', '.join(missing)} (make scale-deps installiert es).")
        names = ["public", "internal", "actions", "redis", "web"]
        names += [f"rasa{i}" for i in range(1, self.rasa_instances + 1)]
        names += [f"action{i}" for i in range(1, self.action_servers + 1)]
        self.ports = {name: free_port() for name in names}
        self.postgres = pg_server.start_server()
        assert self.postgres is not None
        database_url = self.postgres.create_database("lotse")
        tracker_url = self.postgres.create_database("tracker")
        self.env = dict(
            os.environ,
            ACTION_SERVER_SECRET="stack-action-secret", CONVERSATION_SIGNING_KEY="stack-signing-key",
            RASA_AUTH_TOKEN="stack-api-token", LOG_LEVEL="INFO",
            DATABASE_URL=database_url, TRACKER_STORE_URL=tracker_url,
            REDIS_URL=f"redis://{LOOPBACK}:{self.ports['redis']}/0",
            ACTION_SERVER_URL=f"http://{LOOPBACK}:{self.ports['actions']}/webhook",
            RASA_URL=self.internal, WIDGET_RASA_URL=self.public, PUBLIC_URL=self.public,
            SITE_ORIGINS=self.public, CORS_ORIGINS=self.public, STAFF_CONSOLE_URL=self.public,
            TRUSTED_PROXIES=LOOPBACK, FORWARDED_ALLOW_IPS=LOOPBACK,
            WEB_PORT=str(self.ports["web"]), OUTBOX_INTERVAL_S="1",
            SMTP_HOST=LOOPBACK if self.smtp_port else "", SMTP_PORT=str(self.smtp_port or 25),
            PYTHONPATH=str(ROOT),
        )
        self.env.update(self.extra_env)
        self._prepare_database()
        self._add_services()
        try:
            for service in self.services.values():
                service.start()
            for service in self.services.values():
                service.wait()
        except BaseException:
            self.stop()
            raise
        return self

    def _prepare_database(self) -> None:
        for command in (["init-db"], ["demo-catalogue", "--count", str(self.catalogue_size)]):
            subprocess.run([APP_PYTHON, "-m", "lotse.cli", *command], cwd=ROOT, env=self.env, check=True,
                           stdout=subprocess.DEVNULL)

    def ready(self, part: str, instance: int = 1) -> int:
        """The exit code of a deployment's readiness check (deploy/): "app" for the action
        servers, web process and worker (database at the newest migration), "rasa" for a
        Rasa instance (model loaded)."""
        if part == "rasa":
            command = [str(ROOT / ".venv" / "bin" / "python"), "-m", "rasa_addons.ready"]
            env = dict(self.env, RASA_PORT=str(self.ports[f"rasa{instance}"]))
        else:
            command, env = [APP_PYTHON, "-m", "lotse.cli", "ready"], self.env
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=60).returncode

    def cli(self, *args: str) -> str:
        """`python -m lotse.cli ...` against the stack's database."""
        done = subprocess.run([APP_PYTHON, "-m", "lotse.cli", *args], cwd=ROOT, env=self.env, check=True,
                              capture_output=True, text=True)
        return done.stdout

    def _add_services(self) -> None:
        def add(name: str, command: list[str], health: str | None, **env: str) -> None:
            self.services[name] = Service(name, command, dict(self.env, **env), self.workdir / f"{name}.log",
                                          health)

        self._write_nginx_config()
        add("redis", [_program("redis-server") or "redis-server", "--port", str(self.ports["redis"]),
                      "--bind", LOOPBACK, "--save", "", "--appendonly", "no", "--dir", str(self.workdir)],
            None)
        for i in range(1, self.action_servers + 1):
            port = str(self.ports[f"action{i}"])
            add(f"action{i}", [APP_PYTHON, "-m", "action_server"], f"http://{LOOPBACK}:{port}/health",
                ACTION_PORT=port)
        for i in range(1, self.rasa_instances + 1):
            port = str(self.ports[f"rasa{i}"])
            add(f"rasa{i}", [str(ROOT / "bin" / "run-rasa")], f"http://{LOOPBACK}:{port}/", RASA_PORT=port)
        add("web", [APP_PYTHON, "-m", "web"], f"http://{LOOPBACK}:{self.ports['web']}/health")
        add("worker", [APP_PYTHON, "-m", "lotse.worker"], None)
        add("nginx", [_program("nginx") or "nginx", "-e", "stderr", "-p", str(self.workdir / "nginx"),
                      "-c", str(self.workdir / "nginx" / "nginx.conf"), "-g", "daemon off;"],
            f"{self.public}/health")

    def _write_nginx_config(self) -> None:
        prefix = self.workdir / "nginx"
        prefix.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            # nginx's workers run as `nobody` when started as root: they must reach their folder.
            self.workdir.chmod(0o711)

        def servers(kind: str, count: int) -> str:
            return " ".join(f"server {LOOPBACK}:{self.ports[f'{kind}{i}']};" for i in range(1, count + 1))

        values = {
            "NGINX_PREFIX": str(prefix),
            "PUBLIC_LISTEN": f"{LOOPBACK}:{self.ports['public']}",
            "INTERNAL_LISTEN": f"{LOOPBACK}:{self.ports['internal']}",
            "ACTIONS_LISTEN": f"{LOOPBACK}:{self.ports['actions']}",
            "RASA_SERVERS": servers("rasa", self.rasa_instances),
            "ACTION_SERVERS": servers("action", self.action_servers),
            "WEB_SERVERS": f"server {LOOPBACK}:{self.ports['web']};",
        }
        config = Template(NGINX_TEMPLATE.read_text(encoding="utf-8")).safe_substitute(values)
        (prefix / "nginx.conf").write_text(config, encoding="utf-8")

    def stop(self) -> None:
        for service in reversed(list(self.services.values())):
            service.stop()
        if self.postgres is not None:
            self.postgres.stop()
            self.postgres = None

    def logs(self) -> str:
        return "\n".join(f"== {path.name}\n{path.read_text(errors='replace')[-3000:]}"
                         for path in sorted(self.workdir.glob("*.log")))

    # -- talking to it --------------------------------------------------------------------

    def say(self, sender: str, message: str, base: str | None = None) -> list[dict]:
        """One visitor message over the REST channel (through nginx unless `base` names an
        instance); the assistant's replies."""
        answer = requests.post(f"{base or self.internal}/webhooks/rest/webhook",
                               json={"sender": sender, "message": message}, timeout=120)
        answer.raise_for_status()
        return answer.json()

    def tracker(self, sender: str, base: str | None = None) -> dict:
        answer = requests.get(f"{base or self.internal}/conversations/{sender}/tracker",
                              params={"token": self.env["RASA_AUTH_TOKEN"]}, timeout=30)
        answer.raise_for_status()
        return answer.json()
