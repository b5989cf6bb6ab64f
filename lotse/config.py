"""One place that reads the configuration: the environment first, `.env` as fallback."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dotenv import load_dotenv

from lotse.conversation_token import allowed_origins

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    database_url: str
    knowledge_dir: Path
    rasa_url: str
    # Where visitors' browsers reach Rasa's socket.io channel (the public address in production).
    widget_rasa_url: str
    rasa_auth_token: str
    log_level: str
    smtp_host: str
    smtp_port: int
    smtp_sender: str
    smtp_user: str
    smtp_password: str
    smtp_starttls: bool
    # Where new cases go: default addresses, per region (HANDOVER_EMAIL_<REGION KEY>), webhooks.
    handover_email: tuple[str, ...]
    handover_email_by_region: dict[str, tuple[str, ...]]
    handover_webhooks: tuple[str, ...]
    outbox_interval_s: float
    # Notifications name contact details only when the agency chooses so.
    handover_send_contact: bool
    staff_console_url: str
    # Rasa's conversation store, which the retention and erasure jobs clean up.
    tracker_db_url: str
    # Retention (days): closed cases after closing, any case at the latest, conversations
    # after their last message.
    case_retention_days: int
    open_case_retention_days: int
    conversation_retention_days: int
    purge_interval_minutes: float
    # Staff console: sessions, lockout, cookies.
    staff_session_hours: float
    staff_idle_minutes: float
    staff_lockout_attempts: int
    staff_lockout_minutes: float
    staff_cookie_secure: bool
    # How long a visitor waits for a person in the live chat before a call-back is offered.
    live_chat_wait_minutes: float
    # Only Rasa calls the action server: the shared secret it sends, where it listens, how big
    # a call may be (`make run` writes the secrets into `.env`).
    action_server_secret: str = ""
    action_host: str = "127.0.0.1"
    action_max_body_bytes: int = 1024 * 1024
    # Browsers are told to use HTTPS only (HSTS) when the site is served over HTTPS.
    strict_transport_security: bool = False
    # Conversations are bound to the browser that started them (lotse.conversation_token):
    # the signing key, and the sites whose pages may open the chat.
    conversation_signing_key: str = ""
    site_origins: frozenset[str] = frozenset()
    # Staff login throttle (lotse.staff.login): the first delay after STAFF_LOCKOUT_ATTEMPTS
    # failures, doubled for each further one up to STAFF_LOCKOUT_MINUTES per user name; per
    # client address after its own number of attempts, up to its own (longer) cap; counters
    # quiet for this many hours are forgotten.
    staff_lockout_first_minutes: float = 1
    staff_client_lockout_attempts: int = 5
    staff_client_lockout_max_minutes: float = 24 * 60
    staff_lockout_forget_hours: float = 24
    # Where a user name logged in within this many days, its wait does not apply (0: off).
    staff_known_address_days: float = 30
    # The figures (lotse.figures) count a visit once the conversation has been quiet this long.
    figures_idle_minutes: float = 30
    # Conversation review (lotse.review): the project whose training data corrections join,
    # the file they are written to, the model whose training date tells what is trained yet,
    # and the confidence below which a recognised intent counts as misunderstood.
    project_dir: Path = PROJECT_ROOT
    review_file: Path = PROJECT_ROOT / "data" / "nlu" / "review.yml"
    model_path: Path = PROJECT_ROOT / "models" / "lotse.tar.gz"
    review_confidence_threshold: float = 0.6
    # The dated quality reports of `make eval` (lotse.quality), which the console shows.
    reports_dir: Path = PROJECT_ROOT / "reports"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Read the settings once; `.env` never overrides a variable set in the environment."""
    load_dotenv(PROJECT_ROOT / ".env", override=False)
    default_db = f"sqlite:///{PROJECT_ROOT / 'var' / 'lotse.db'}"
    return Settings(
        database_url=os.environ.get("DATABASE_URL") or default_db,
        knowledge_dir=Path(os.environ.get("KNOWLEDGE_DIR") or PROJECT_ROOT / "knowledge"),
        rasa_url=os.environ.get("RASA_URL") or f"http://localhost:{os.environ.get('RASA_PORT', '5005')}",
        widget_rasa_url=os.environ.get("WIDGET_RASA_URL") or os.environ.get("RASA_URL")
        or f"http://localhost:{os.environ.get('RASA_PORT', '5005')}",
        rasa_auth_token=os.environ.get("RASA_AUTH_TOKEN", ""),
        log_level=os.environ.get("LOG_LEVEL", "INFO"),
        smtp_host=os.environ.get("SMTP_HOST", ""),
        smtp_port=int(os.environ.get("SMTP_PORT") or 25),
        smtp_sender=os.environ.get("SMTP_FROM", "weiterbildungslotse@localhost"),
        smtp_user=os.environ.get("SMTP_USER", ""),
        smtp_password=os.environ.get("SMTP_PASSWORD", ""),
        smtp_starttls=_flag("SMTP_STARTTLS"),
        handover_email=_list(os.environ.get("HANDOVER_EMAIL", "")),
        handover_email_by_region={
            key.removeprefix(REGION_PREFIX).lower(): _list(value)
            for key, value in os.environ.items() if key.startswith(REGION_PREFIX) and value},
        handover_webhooks=_list(os.environ.get("HANDOVER_WEBHOOK_URL", "")),
        outbox_interval_s=float(os.environ.get("OUTBOX_INTERVAL_S") or 5),
        handover_send_contact=_flag("HANDOVER_SEND_CONTACT"),
        staff_console_url=os.environ.get("STAFF_CONSOLE_URL")
        or f"http://localhost:{os.environ.get('WEB_PORT', '8000')}",
        tracker_db_url=os.environ.get("TRACKER_STORE_URL") or _sqlite_url(
            os.environ.get("TRACKER_DB") or "var/tracker.db"),
        case_retention_days=int(os.environ.get("CASE_RETENTION_DAYS") or 90),
        open_case_retention_days=int(os.environ.get("OPEN_CASE_RETENTION_DAYS") or 365),
        conversation_retention_days=int(os.environ.get("CONVERSATION_RETENTION_DAYS") or 30),
        purge_interval_minutes=float(os.environ.get("PURGE_INTERVAL_MINUTES") or 60),
        staff_session_hours=float(os.environ.get("STAFF_SESSION_HOURS") or 8),
        staff_idle_minutes=float(os.environ.get("STAFF_IDLE_MINUTES") or 30),
        staff_lockout_attempts=int(os.environ.get("STAFF_LOCKOUT_ATTEMPTS") or 5),
        staff_lockout_minutes=float(os.environ.get("STAFF_LOCKOUT_MINUTES") or 15),
        # Secure cookies whenever the site is served over HTTPS (PUBLIC_URL), or when asked.
        staff_cookie_secure=_flag("STAFF_COOKIE_SECURE") or _served_over_https(),
        live_chat_wait_minutes=float(os.environ.get("LIVE_CHAT_WAIT_MINUTES") or 5),
        action_server_secret=os.environ.get("ACTION_SERVER_SECRET", ""),
        action_host=os.environ.get("ACTION_HOST") or "127.0.0.1",
        action_max_body_bytes=int(os.environ.get("ACTION_MAX_BODY_BYTES") or 1024 * 1024),
        strict_transport_security=_served_over_https(),
        conversation_signing_key=os.environ.get("CONVERSATION_SIGNING_KEY", ""),
        site_origins=allowed_origins(os.environ),
        staff_lockout_first_minutes=float(os.environ.get("STAFF_LOCKOUT_FIRST_MINUTES") or 1),
        staff_client_lockout_attempts=int(os.environ.get("STAFF_CLIENT_LOCKOUT_ATTEMPTS") or 5),
        staff_client_lockout_max_minutes=float(os.environ.get("STAFF_CLIENT_LOCKOUT_MAX_MINUTES") or 24 * 60),
        staff_lockout_forget_hours=float(os.environ.get("STAFF_LOCKOUT_FORGET_HOURS") or 24),
        staff_known_address_days=float(os.environ.get("STAFF_KNOWN_ADDRESS_DAYS") or 30),
        figures_idle_minutes=float(os.environ.get("FIGURES_IDLE_MINUTES") or 30),
        **_review_paths(),
        review_confidence_threshold=float(os.environ.get("REVIEW_CONFIDENCE_THRESHOLD") or 0.6),
        reports_dir=Path(os.environ.get("REPORTS_DIR") or PROJECT_ROOT / "reports"),
    )


def _review_paths() -> dict[str, Path]:
    """PROJECT_DIR (a copy of the project, e.g. an editor's checkout) moves the review file and
    the model with it unless REVIEW_FILE or MODEL_PATH say otherwise."""
    project = Path(os.environ.get("PROJECT_DIR") or PROJECT_ROOT)
    return {"project_dir": project,
            "review_file": Path(os.environ.get("REVIEW_FILE") or project / "data" / "nlu" / "review.yml"),
            "model_path": Path(os.environ.get("MODEL_PATH") or project / "models" / "lotse.tar.gz")}


REGION_PREFIX = "HANDOVER_EMAIL_"


def _list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _served_over_https() -> bool:
    """PUBLIC_URL: the address visitors and staff use (https://... in production)."""
    return (os.environ.get("PUBLIC_URL") or "").strip().lower().startswith("https://")


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "ja", "yes"}


def _sqlite_url(path: str) -> str:
    """TRACKER_DB is a file path, relative to the project root (as bin/run-rasa runs)."""
    file = Path(path) if Path(path).is_absolute() else PROJECT_ROOT / path
    return f"sqlite:///{file}"
