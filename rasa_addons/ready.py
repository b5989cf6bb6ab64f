"""`python -m rasa_addons.ready`: readiness check of a Rasa instance (containers, load
balancers): exit 0 when the instance answers on RASA_PORT and has a model loaded, asked
through its HTTP API with RASA_AUTH_TOKEN (read from the environment, never a command line)."""

from __future__ import annotations

import os
import sys

import requests


def main() -> int:
    port = os.environ.get("RASA_PORT", "5005")
    try:
        answer = requests.get(f"http://127.0.0.1:{port}/status",
                              params={"token": os.environ.get("RASA_AUTH_TOKEN", "")}, timeout=5)
    except requests.RequestException as error:
        print(f"Rasa antwortet nicht ({type(error).__name__}).", file=sys.stderr)
        return 1
    if answer.status_code != 200 or not (answer.json() or {}).get("model_file"):
        print(f"Rasa ohne geladenes Modell (HTTP {answer.status_code}).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
