"""`python -m web`: serve the web application on WEB_PORT (default 8000)."""

from __future__ import annotations

import os

import uvicorn
from dotenv import load_dotenv

from lotse.config import PROJECT_ROOT

if __name__ == "__main__":
    load_dotenv(PROJECT_ROOT / ".env", override=False)
    # websockets is pinned to 10.x by rasa-sdk, too old for uvicorn's websocket support.
    uvicorn.run("web.app:app", host=os.environ.get("WEB_HOST", "127.0.0.1"),
                port=int(os.environ.get("WEB_PORT", "8000")), log_level="info",
                access_log=False, ws="none")
