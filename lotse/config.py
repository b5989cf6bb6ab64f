"""One place that reads the configuration: the environment first, `.env` as fallback."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dotenv import load_dotenv

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    database_url: str
    knowledge_dir: Path
    rasa_url: str
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


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Read the settings once; `.env` never overrides a variable set in the environment."""
    load_dotenv(PROJECT_ROOT / ".env", override=False)
    default_db = f"sqlite:///{PROJECT_ROOT / 'var' / 'lotse.db'}"
    return Settings(
        database_url=os.environ.get("DATABASE_URL") or default_db,
        knowledge_dir=Path(os.environ.get("KNOWLEDGE_DIR") or PROJECT_ROOT / "knowledge"),
        rasa_url=os.environ.get("RASA_URL") or f"http://localhost:{os.environ.get('RASA_PORT', '5005')}",
        rasa_auth_token=os.environ.get("RASA_AUTH_TOKEN", ""),
        log_level=os.environ.get("LOG_LEVEL", "INFO"),
        smtp_host=os.environ.get("SMTP_HOST", ""),
        smtp_port=int(os.environ.get("SMTP_PORT") or 25),
        smtp_sender=os.environ.get("SMTP_FROM", "weiterbildungslotse@localhost"),
        smtp_user=os.environ.get("SMTP_USER", ""),
        smtp_password=os.environ.get("SMTP_PASSWORD", ""),
        smtp_starttls=os.environ.get("SMTP_STARTTLS", "").lower() in {"1", "true", "ja", "yes"},
        handover_email=_list(os.environ.get("HANDOVER_EMAIL", "")),
        handover_email_by_region={
            key.removeprefix(REGION_PREFIX).lower(): _list(value)
            for key, value in os.environ.items() if key.startswith(REGION_PREFIX) and value},
        handover_webhooks=_list(os.environ.get("HANDOVER_WEBHOOK_URL", "")),
        outbox_interval_s=float(os.environ.get("OUTBOX_INTERVAL_S") or 15),
    )


REGION_PREFIX = "HANDOVER_EMAIL_"


def _list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())
