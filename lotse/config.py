"""One place that reads the configuration: the environment first, `.env` as fallback.

pydantic-settings reads and checks every variable (`SMTP_PORT=abc` is refused with the
variable's name); a bad configuration stops the start with one message that lists every bad
variable, in German, instead of a traceback in the middle of a visitor's conversation.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from dotenv import load_dotenv
from pydantic import AliasChoices, BeforeValidator, Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from lotse.conversation_token import allowed_origins

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REGION_PREFIX = "HANDOVER_EMAIL_"
TRUE_WORDS, FALSE_WORDS = frozenset({"1", "true", "ja", "yes"}), frozenset({"0", "false", "nein", "no"})


def _flag(value: Any) -> Any:
    """A yes/no variable: 1, true, ja, yes or 0, false, nein, no (any case); anything else is refused."""
    if not isinstance(value, str):
        return value
    word = value.strip().lower()
    if word in TRUE_WORDS or word in FALSE_WORDS:
        return word in TRUE_WORDS
    raise ValueError(f"ja/nein erwartet ({', '.join(sorted(TRUE_WORDS | FALSE_WORDS))})")


def _list(value: Any) -> Any:
    """A comma-separated list of addresses."""
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return value


Flag = Annotated[bool, BeforeValidator(_flag)]
CommaList = Annotated[tuple[str, ...], NoDecode, BeforeValidator(_list)]


def _sqlite_url(path: str) -> str:
    """TRACKER_DB is a file path, relative to the project root (as bin/run-rasa runs)."""
    file = Path(path) if Path(path).is_absolute() else PROJECT_ROOT / path
    return f"sqlite:///{file}"


def _served_over_https(environ: Mapping[str, str]) -> bool:
    """PUBLIC_URL: the address visitors and staff use (https://... in production)."""
    return (environ.get("PUBLIC_URL") or "").strip().lower().startswith("https://")


def derived_from(environ: Mapping[str, str]) -> dict[str, Any]:
    """The values that come from other variables or from several (the defaults of RASA_URL,
    the region addresses, secure cookies over HTTPS, the review's paths)."""
    rasa = environ.get("RASA_URL") or f"http://localhost:{environ.get('RASA_PORT') or '5005'}"
    project = Path(environ.get("PROJECT_DIR") or PROJECT_ROOT)
    return {
        "rasa_url": rasa,
        "widget_rasa_url": environ.get("WIDGET_RASA_URL") or rasa,
        "staff_console_url": environ.get("STAFF_CONSOLE_URL")
        or f"http://localhost:{environ.get('WEB_PORT') or '8000'}",
        "tracker_db_url": environ.get("TRACKER_STORE_URL")
        or _sqlite_url(environ.get("TRACKER_DB") or "var/tracker.db"),
        "handover_email_by_region": {key.removeprefix(REGION_PREFIX).lower(): _list(value)
                                     for key, value in environ.items()
                                     if key.startswith(REGION_PREFIX) and value},
        "strict_transport_security": _served_over_https(environ),
        "site_origins": allowed_origins(environ),
        "project_dir": project,
        "review_file": Path(environ.get("REVIEW_FILE") or project / "data" / "nlu" / "review.yml"),
        "model_path": Path(environ.get("MODEL_PATH") or project / "models" / "lotse.tar.gz"),
    }


class Settings(BaseSettings):
    """Every setting; the variable is the field's name in upper case unless named otherwise."""

    model_config = SettingsConfigDict(frozen=True, extra="ignore", env_ignore_empty=True,
                                      populate_by_name=True)

    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'lotse.db'}"
    knowledge_dir: Path = PROJECT_ROOT / "knowledge"
    rasa_url: str = ""
    # Where visitors' browsers reach Rasa's socket.io channel (the public address in production).
    widget_rasa_url: str = ""
    rasa_auth_token: str = ""
    log_level: str = "INFO"
    smtp_host: str = ""
    smtp_port: int = Field(25, ge=1, le=65535)
    smtp_sender: str = Field("weiterbildungslotse@localhost", validation_alias=AliasChoices("SMTP_FROM"))
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_starttls: Flag = False
    # Where new cases go: default addresses, per region (HANDOVER_EMAIL_<REGION KEY>), webhooks.
    handover_email: CommaList = ()
    handover_email_by_region: Annotated[dict[str, tuple[str, ...]], NoDecode] = Field(default_factory=dict)
    handover_webhooks: CommaList = Field((), validation_alias=AliasChoices("HANDOVER_WEBHOOK_URL"))
    outbox_interval_s: float = Field(5, gt=0)
    # Notifications name contact details only when the agency chooses so.
    handover_send_contact: Flag = False
    staff_console_url: str = ""
    # Rasa's conversation store, which the retention and erasure jobs clean up.
    tracker_db_url: str = ""
    # Retention (days): closed cases after closing, any case at the latest, conversations
    # after their last message.
    case_retention_days: int = Field(90, ge=1)
    open_case_retention_days: int = Field(365, ge=1)
    conversation_retention_days: int = Field(30, ge=1)
    purge_interval_minutes: float = Field(60, gt=0)
    # Staff console: sessions, lockout, cookies (secure whenever the site is served over
    # HTTPS, PUBLIC_URL, or when asked).
    staff_session_hours: float = Field(8, gt=0)
    staff_idle_minutes: float = Field(30, gt=0)
    staff_lockout_attempts: int = Field(5, ge=1)
    staff_lockout_minutes: float = Field(15, ge=0)
    staff_cookie_secure: Flag = False
    # How long a visitor waits for a person in the live chat before a call-back is offered.
    live_chat_wait_minutes: float = Field(5, gt=0)
    # Only Rasa calls the action server: the shared secret it sends, where it listens, how big
    # a call may be (`make run` writes the secrets into `.env`).
    action_server_secret: str = ""
    action_host: str = "127.0.0.1"
    action_max_body_bytes: int = Field(1024 * 1024, ge=1024)
    # Browsers are told to use HTTPS only (HSTS) when the site is served over HTTPS.
    strict_transport_security: bool = False
    # Conversations are bound to the browser that started them (lotse.conversation_token):
    # the signing key, and the sites whose pages may open the chat.
    conversation_signing_key: str = ""
    site_origins: Annotated[frozenset[str], NoDecode] = frozenset()
    # Staff login throttle (lotse.staff.login): the first delay after STAFF_LOCKOUT_ATTEMPTS
    # failures, doubled for each further one up to STAFF_LOCKOUT_MINUTES per user name; per
    # client address after its own number of attempts, up to its own (longer) cap; counters
    # quiet for this many hours are forgotten.
    staff_lockout_first_minutes: float = Field(1, ge=0)
    staff_client_lockout_attempts: int = Field(5, ge=1)
    staff_client_lockout_max_minutes: float = Field(24 * 60, ge=0)
    staff_lockout_forget_hours: float = Field(24, gt=0)
    # Where a user name logged in within this many days, its wait does not apply (0: off).
    staff_known_address_days: float = Field(30, ge=0)
    # The figures (lotse.figures) count a visit once the conversation has been quiet this long.
    figures_idle_minutes: float = Field(30, gt=0)
    # Conversation review (lotse.review): the project whose training data corrections join,
    # the file they are written to, the model whose training date tells what is trained yet,
    # and the confidence below which a recognised intent counts as misunderstood.
    project_dir: Path = PROJECT_ROOT
    review_file: Path = PROJECT_ROOT / "data" / "nlu" / "review.yml"
    model_path: Path = PROJECT_ROOT / "models" / "lotse.tar.gz"
    review_confidence_threshold: float = Field(0.6, ge=0, le=1)
    # The dated quality reports of `make eval` (lotse.quality), which the console shows.
    reports_dir: Path = PROJECT_ROOT / "reports"

    @model_validator(mode="before")
    @classmethod
    def _from_other_variables(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data.update(derived_from(os.environ))
        if _served_over_https(os.environ):
            data["staff_cookie_secure"] = True
        return data

    def replace(self, **changes: Any) -> Settings:
        """A copy with some values changed (tests, one-off commands)."""
        return self.model_copy(update=changes)


class ConfigurationError(SystemExit):
    """A variable with a value that cannot be used: the start stops with every such variable named."""


def _variable(location: tuple[Any, ...]) -> str:
    field = str(location[0]) if location else "?"
    info = Settings.model_fields.get(field)
    alias = info.validation_alias if info else None
    names = alias.choices if isinstance(alias, AliasChoices) else [field]
    return str(names[0]).upper()


SECRET_PARTS = ("PASSWORD", "SECRET", "KEY", "TOKEN")


def describe(error: ValidationError) -> str:
    """Every bad variable on a line of its own, with its value unless it may be a secret."""
    lines = []
    for problem in error.errors():
        name = _variable(problem["loc"])
        value = "" if any(part in name for part in SECRET_PARTS) else f"={problem.get('input')!r}"
        lines.append(f"- {name}{value}: {problem['msg']}")
    return "Die Einstellungen (Umgebung oder .env) enthalten ungültige Werte:\n" + "\n".join(lines)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Read the settings once; `.env` never overrides a variable set in the environment."""
    load_dotenv(PROJECT_ROOT / ".env", override=False)
    try:
        return Settings()
    except ValidationError as error:
        raise ConfigurationError(describe(error)) from None
