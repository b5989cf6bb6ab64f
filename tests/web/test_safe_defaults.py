"""Safe defaults: secrets created once and readable by the owner only, HTTPS told to browsers."""

from __future__ import annotations

import os
import stat

from dotenv import dotenv_values
from starlette.testclient import TestClient

from lotse.local_secrets import GENERATED_SECRETS, ensure_secrets, owner_only
from web.app import create_app


def test_missing_secrets_are_created_once_and_readable_by_the_owner_only(tmp_path, monkeypatch):
    for name in GENERATED_SECRETS:
        monkeypatch.delenv(name, raising=False)
    env_file = tmp_path / ".env"
    env_file.write_text("WEB_PORT=8000\nRASA_AUTH_TOKEN=\n", encoding="utf-8")
    env_file.chmod(0o644)
    assert sorted(ensure_secrets(env_file)) == sorted(GENERATED_SECRETS)
    values = dotenv_values(env_file)
    assert values["WEB_PORT"] == "8000"
    assert all(len(values[name] or "") >= 32 for name in GENERATED_SECRETS)
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    # A second start keeps them (sessions and signed conversations stay valid).
    assert ensure_secrets(env_file) == []
    assert dotenv_values(env_file) == values


def test_a_secret_set_in_the_environment_is_not_written(tmp_path, monkeypatch):
    monkeypatch.setenv("ACTION_SERVER_SECRET", "from-the-environment")
    env_file = tmp_path / ".env"
    assert "ACTION_SERVER_SECRET" not in ensure_secrets(env_file)
    assert "ACTION_SERVER_SECRET" not in dotenv_values(env_file)


def test_database_files_are_made_owner_only(tmp_path):
    database = tmp_path / "lotse.db"
    database.write_bytes(b"")
    database.chmod(0o644)
    owner_only([database, tmp_path / "missing.db"])
    assert stat.S_IMODE(database.stat().st_mode) == 0o600


def test_hsts_only_when_the_site_is_served_over_https(settings, monkeypatch):
    plain = create_app(settings=settings.replace(strict_transport_security=False))
    with TestClient(plain) as client:
        assert "strict-transport-security" not in client.get("/health").headers
    secure = create_app(settings=settings.replace(strict_transport_security=True))
    with TestClient(secure) as client:
        assert client.get("/health").headers["strict-transport-security"].startswith("max-age=")
        assert client.get("/staff/login").headers["strict-transport-security"]


def test_public_https_address_turns_on_secure_cookies_and_hsts(monkeypatch):
    from lotse import config

    monkeypatch.setenv("PUBLIC_URL", "https://lotse.example")
    monkeypatch.delenv("STAFF_COOKIE_SECURE", raising=False)
    config.get_settings.cache_clear()
    try:
        settings = config.get_settings()
        assert settings.staff_cookie_secure and settings.strict_transport_security
    finally:
        config.get_settings.cache_clear()
        os.environ.pop("PUBLIC_URL", None)
