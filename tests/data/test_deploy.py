"""The deployment files (deploy/) stay consistent with what `make test-scale` runs
(scripts/stack.py): the same nginx template with every value given, the same settings, the
same readiness checks, commands that exist, and no secret written into them."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
TEMPLATE = DEPLOY / "nginx" / "lotse.conf.template"
SECRETS = ("RASA_AUTH_TOKEN", "ACTION_SERVER_SECRET", "CONVERSATION_SIGNING_KEY", "SMTP_PASSWORD")
# What the stack sets for a multi-instance deployment beside the single-process defaults.
PRODUCTION_SETTINGS = ("DATABASE_URL", "TRACKER_STORE_URL", "REDIS_URL", "ACTION_SERVER_URL", "RASA_URL",
                       "TICKET_LOCK_LIFETIME")


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text(encoding="utf-8"))


def manifests() -> list[dict]:
    found = []
    for path in sorted((DEPLOY / "k8s").glob("*.yaml")):
        found += [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]
    return found


def containers() -> list[dict]:
    return [c for doc in manifests() if doc["kind"] in ("Deployment", "Job")
            for c in doc["spec"]["template"]["spec"]["containers"]]


def test_compose_gives_every_value_of_the_nginx_template_the_tests_render():
    wanted = set(re.findall(r"\$\{([A-Z_]+)\}", TEMPLATE.read_text(encoding="utf-8")))
    nginx = compose()["services"]["nginx"]
    assert wanted <= set(nginx["environment"]), wanted - set(nginx["environment"])
    assert nginx["volumes"] == ["./nginx/lotse.conf.template:/etc/nginx/templates/nginx.conf.template:ro"]
    stack = (ROOT / "scripts" / "stack.py").read_text(encoding="utf-8")
    assert "NGINX_TEMPLATE = ROOT / \"deploy\" / \"nginx\" / \"lotse.conf.template\"" in stack
    assert all(f'"{name}"' in stack for name in wanted)


def test_the_production_settings_of_the_tests_are_set_in_compose_and_kubernetes():
    environment = compose()["x-lotse"]["environment"]
    assert set(PRODUCTION_SETTINGS) <= set(environment)
    config = next(doc for doc in manifests() if doc["kind"] == "ConfigMap")["data"]
    from_secret = {"DATABASE_URL", "TRACKER_STORE_URL", "REDIS_URL"}  # hold passwords
    assert set(PRODUCTION_SETTINGS) - from_secret <= set(config)
    kustomization = (DEPLOY / "k8s" / "kustomization.yaml").read_text(encoding="utf-8")
    assert all(name in kustomization for name in from_secret)
    for container in containers():
        assert {"configMapRef": {"name": "lotse-config"}} in container["envFrom"]
        assert {"secretRef": {"name": "lotse-secrets"}} in container["envFrom"]


def test_readiness_is_the_model_loaded_and_the_migrations_applied_as_in_the_tests():
    services = compose()["services"]
    assert services["rasa"]["healthcheck"]["test"] == [".venv/bin/python", "-m", "rasa_addons.ready"]
    for name in ("actions", "web"):
        assert services[name]["healthcheck"]["test"] == [".venv-app/bin/python", "-m", "lotse.cli", "ready"]
    probes = {c["name"]: c["readinessProbe"]["exec"]["command"]
              for c in containers() if "readinessProbe" in c}
    assert probes["rasa"] == [".venv/bin/python", "-m", "rasa_addons.ready"]
    assert probes["actions"] == probes["web"] == [".venv-app/bin/python", "-m", "lotse.cli", "ready"]
    assert services["migrate"]["command"][-2:] == ["lotse.cli", "init-db"]
    stack = (ROOT / "scripts" / "stack.py").read_text(encoding="utf-8")
    assert '"rasa_addons.ready"' in stack and '"lotse.cli", "ready"' in stack


def test_every_command_names_something_that_exists():
    commands = [s["command"] for s in compose()["services"].values() if isinstance(s.get("command"), list)]
    commands += [c["command"] for c in containers()]
    for command in commands:
        if command[0].startswith("bin/"):
            assert (ROOT / command[0]).exists(), command
        elif "-m" in command:
            module = command[command.index("-m") + 1].replace(".", "/")
            assert (ROOT / f"{module}.py").exists() or (ROOT / module / "__main__.py").exists(), command


def test_no_secret_is_written_into_the_deployment_files():
    for path in [*DEPLOY.rglob("*.yml"), *DEPLOY.rglob("*.yaml"), DEPLOY / "Dockerfile"]:
        text = path.read_text(encoding="utf-8")
        for name in (*SECRETS, "POSTGRES_PASSWORD"):
            for value in re.findall(rf"{name}\s*[:=]\s*(\S+)", text):
                assert value.startswith("${") or value.endswith("fehlt}"), (path.name, name, value)
