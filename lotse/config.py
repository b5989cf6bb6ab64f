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
    )
