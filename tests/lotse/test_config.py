"""The settings: read from the environment by pydantic-settings, derived values as before, and a
bad configuration stops with one message that names every bad variable (never a secret)."""

from __future__ import annotations

import pytest

from lotse.config import PROJECT_ROOT, ConfigurationError, Settings, get_settings

VARIABLES = ("SMTP_PORT", "SMTP_STARTTLS", "CASE_RETENTION_DAYS", "HANDOVER_EMAIL", "HANDOVER_EMAIL_WBA_SUED",
             "SMTP_FROM", "RASA_PORT", "RASA_URL", "WIDGET_RASA_URL", "PUBLIC_URL", "HANDOVER_WEBHOOK_URL",
             "SITE_ORIGINS", "TRACKER_DB", "TRACKER_STORE_URL", "PROJECT_DIR", "REVIEW_FILE", "MODEL_PATH",
             "STAFF_COOKIE_SECURE", "ACTION_SERVER_SECRET", "OUTBOX_INTERVAL_S", "WEB_PORT",
             "REVIEW_CONFIDENCE_THRESHOLD")


@pytest.fixture
def environ(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_defaults_without_any_variable(environ: pytest.MonkeyPatch) -> None:
    settings = Settings()
    assert settings.rasa_url == settings.widget_rasa_url == "http://localhost:5005"
    assert settings.smtp_port == 25 and settings.smtp_starttls is False
    assert settings.handover_email == () and settings.handover_email_by_region == {}
    assert settings.tracker_db_url == f"sqlite:///{PROJECT_ROOT / 'var' / 'tracker.db'}"
    assert settings.site_origins == frozenset({"http://localhost:8000", "http://127.0.0.1:8000"})
    assert settings.review_file == PROJECT_ROOT / "data" / "nlu" / "review.yml"
    assert settings.staff_cookie_secure is False and settings.strict_transport_security is False


def test_values_lists_flags_and_derived_settings_are_read(environ: pytest.MonkeyPatch, tmp_path) -> None:
    for name, value in {"SMTP_PORT": "587", "SMTP_STARTTLS": "Ja",
                        "HANDOVER_EMAIL": "a@agentur.de, b@agentur.de",
                        "HANDOVER_EMAIL_WBA_SUED": "sued@agentur.de", "SMTP_FROM": "lotse@agentur.de",
                        "RASA_PORT": "6005", "PUBLIC_URL": "https://lotse.example.de",
                        "HANDOVER_WEBHOOK_URL": "https://hook/1,https://hook/2", "TRACKER_DB": "var/t.db",
                        "PROJECT_DIR": str(tmp_path), "SITE_ORIGINS": "https://a.de, https://b.de/",
                        "OUTBOX_INTERVAL_S": ""}.items():
        environ.setenv(name, value)
    settings = Settings()
    assert (settings.smtp_port, settings.smtp_starttls) == (587, True)
    assert settings.smtp_sender == "lotse@agentur.de"
    assert settings.handover_email == ("a@agentur.de", "b@agentur.de")
    assert settings.handover_email_by_region == {"wba_sued": ("sued@agentur.de",)}
    assert settings.handover_webhooks == ("https://hook/1", "https://hook/2")
    assert settings.rasa_url == settings.widget_rasa_url == "http://localhost:6005"
    assert settings.staff_cookie_secure and settings.strict_transport_security  # served over HTTPS
    assert settings.tracker_db_url == f"sqlite:///{PROJECT_ROOT / 'var' / 't.db'}"
    assert settings.review_file == tmp_path / "data" / "nlu" / "review.yml"
    assert settings.model_path == tmp_path / "models" / "lotse.tar.gz"
    assert settings.site_origins == frozenset({"https://a.de", "https://b.de"})
    assert settings.outbox_interval_s == 5  # empty means the default


def test_every_bad_variable_is_named_in_one_message(environ: pytest.MonkeyPatch) -> None:
    environ.setenv("SMTP_PORT", "abc")
    environ.setenv("SMTP_STARTTLS", "vielleicht")
    environ.setenv("CASE_RETENTION_DAYS", "0")
    environ.setenv("REVIEW_CONFIDENCE_THRESHOLD", "2")
    get_settings.cache_clear()
    try:
        with pytest.raises(ConfigurationError) as raised:
            get_settings()
    finally:
        get_settings.cache_clear()
    message = str(raised.value)
    assert message.startswith("Die Einstellungen (Umgebung oder .env) enthalten ungültige Werte:")
    for line in ("- SMTP_PORT='abc'", "- SMTP_STARTTLS='vielleicht'", "ja/nein erwartet",
                 "- CASE_RETENTION_DAYS='0'", "- REVIEW_CONFIDENCE_THRESHOLD='2'"):
        assert line in message
    assert message.count("\n- ") == 4


def test_a_secret_is_never_repeated_in_the_message(environ: pytest.MonkeyPatch) -> None:
    from lotse.config import describe

    with pytest.raises(Exception) as raised:
        Settings.model_validate({"action_server_secret": ["geheim-123"]})
    message = describe(raised.value)  # type: ignore[arg-type]
    assert "ACTION_SERVER_SECRET" in message and "geheim-123" not in message


def test_replace_gives_a_changed_copy_and_settings_stay_frozen(environ: pytest.MonkeyPatch) -> None:
    settings = Settings()
    changed = settings.replace(smtp_port=2525)
    assert (settings.smtp_port, changed.smtp_port) == (25, 2525)
    with pytest.raises(Exception):  # noqa: B017 (pydantic's frozen-instance error)
        settings.smtp_port = 1  # type: ignore[misc]
