"""`python -m action_server`: the action server of `make run`, on loopback by default.

ACTION_HOST opens it for containers; ACTION_PORT, ACTION_SERVER_SECRET (written into `.env`
by `make run`) and ACTION_MAX_BODY_BYTES come from the environment or `.env`.
"""

from __future__ import annotations

import logging
import os
import sys

from action_server.app import locked_app
from lotse.config import get_settings
from lotse.warmup import warm_up


def main() -> None:
    settings = get_settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        app = locked_app(settings.action_server_secret, settings.action_max_body_bytes)
    except ValueError as missing:
        print(missing, file=sys.stderr)
        raise SystemExit(2) from None
    # Knowledge, places and the course search are loaded before the first call, not during it.
    warm_up()
    port = int(os.environ.get("ACTION_PORT", "5055"))
    app.run(settings.action_host, port, workers=1, access_log=False, motd=False)


if __name__ == "__main__":
    main()
