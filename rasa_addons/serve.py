"""`python -m rasa_addons.serve run ...`: Rasa's own command line, with the API token read
from the environment inside the process.

`rasa run --auth-token TOKEN` would put the token into the process list (`ps`), readable by
every local user. Added to `sys.argv` here, it never appears on a command line.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    from rasa.__main__ import main as rasa_main

    token = os.environ.get("RASA_AUTH_TOKEN", "")
    sys.argv = ["rasa", *sys.argv[1:]]
    if token:
        sys.argv += ["--enable-api", "--auth-token", token]
    rasa_main()


if __name__ == "__main__":
    main()
