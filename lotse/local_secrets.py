"""Secrets a fresh install needs, created once into `.env` (mode 0600) by `make run`.

Without them the live takeover cannot pause Rasa (no API token), the action server would be
open (no shared secret) and conversations could not be bound to the browser that started
them (no signing key). A value set in the environment or already in `.env` is kept.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from dotenv import dotenv_values, set_key

GENERATED_SECRETS = ("RASA_AUTH_TOKEN", "ACTION_SERVER_SECRET", "CONVERSATION_SIGNING_KEY")
OWNER_ONLY = stat.S_IRUSR | stat.S_IWUSR


def ensure_secrets(env_file: Path, names: tuple[str, ...] = GENERATED_SECRETS) -> list[str]:
    """Write a random value for every secret that is set nowhere; return their names."""
    if not env_file.exists():
        env_file.touch(mode=OWNER_ONLY)
    env_file.chmod(OWNER_ONLY)
    present = dotenv_values(env_file)
    created = []
    for name in names:
        if os.environ.get(name) or present.get(name):
            continue
        set_key(str(env_file), name, secrets.token_urlsafe(32), quote_mode="never")
        created.append(name)
    env_file.chmod(OWNER_ONLY)
    return created


def owner_only(paths: list[Path]) -> None:
    """Database files readable by the owner only (they hold conversations and contacts)."""
    for path in paths:
        if path.exists():
            path.chmod(OWNER_ONLY)
