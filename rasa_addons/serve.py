"""`python -m rasa_addons.serve run ...`: Rasa's own command line, with the API token read
from the environment inside the process.

`rasa run --auth-token TOKEN` would put the token into the process list (`ps`), readable by
every local user. Added to `sys.argv` here, it never appears on a command line.

Before Rasa starts: a failing action answers with the hotline (action_failures.py), Rasa's
warnings keep visitors' messages out of the log (quiet_warnings.py), no slot takes a value
no question would accept (slot_guard.py), a conversation store that is away stops the turn
instead of starting the conversation afresh (store_outage.py), and the action server's
responses are checked against a validator built once (action_response_validation.py).
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    from rasa.__main__ import main as rasa_main

    from rasa_addons import (
        action_failures,
        action_response_validation,
        quiet_warnings,
        slot_guard,
        store_outage,
    )

    # A failing action answers with the hotline instead of silence; Rasa's warnings about a
    # visitor's message do not copy the message into the log; no slot takes code or markup.
    action_failures.apply()
    store_outage.apply()
    quiet_warnings.apply()
    slot_guard.apply()
    # LOTSE_RASA_PATCHES=0 only for measuring what it saves (scripts/bench_dialogue.py).
    if os.environ.get("LOTSE_RASA_PATCHES", "1") != "0":
        action_response_validation.apply()
    token = os.environ.get("RASA_AUTH_TOKEN", "")
    sys.argv = ["rasa", *sys.argv[1:]]
    if token:
        sys.argv += ["--enable-api", "--auth-token", token]
    rasa_main()


if __name__ == "__main__":
    main()
