"""Start every process of the assistant under honcho (Procfile); Ctrl-C stops them all.

honcho would let `.env` override the environment; the contract says the environment
wins, so `.env` is read here without overriding and honcho gets no env file.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from dotenv import load_dotenv

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lotse.local_secrets import ensure_secrets, owner_only  # noqa: E402

DEFAULTS = {
    "RASA_PORT": "5005",
    "ACTION_PORT": "5055",
    "WEB_PORT": "8000",
    "TRACKER_DB": "var/tracker.db",
    "LOG_LEVEL": "INFO",
}


def main() -> None:
    os.chdir(ROOT)
    # Files the processes create (databases, logs) are the owner's only.
    os.umask(0o077)
    created = ensure_secrets(ROOT / ".env")
    if created:
        print(f"In .env neu angelegt (nur für Sie lesbar): {', '.join(created)}")
    load_dotenv(ROOT / ".env", override=False)
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    os.environ.setdefault("ACTION_SERVER_URL", f"http://localhost:{os.environ['ACTION_PORT']}/webhook")
    os.environ.setdefault("RASA_URL", f"http://localhost:{os.environ['RASA_PORT']}")
    owner_only([ROOT / os.environ["TRACKER_DB"], ROOT / "var" / "lotse.db"])
    honcho = str(Path(sys.executable).parent / "honcho")
    os.execv(honcho, [honcho, "--env", os.devnull, "start", *sys.argv[1:]])


if __name__ == "__main__":
    main()
