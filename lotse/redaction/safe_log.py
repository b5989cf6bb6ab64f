"""Log lines that carry no personal data.

An exception's message and arguments may hold what a visitor typed (`int("0345 …")`
raises with the text in its message; SQLAlchemy's errors list the statement's parameters),
and so may a request or a tracker. `action_failure_line` names only what is needed to find
the fault: the action, the exception's type (and its cause's) and where in our code it was
raised. `RedactingFormatter` is a second net for everything else a process logs.
"""

from __future__ import annotations

import logging
import re
import traceback
from pathlib import Path

from lotse.redaction import redact_text

ROOT = Path(__file__).resolve().parents[2]
_ACTION_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,99}")


def _type_name(error: BaseException) -> str:
    kind = type(error)
    return kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def _where(error: BaseException) -> str:
    """File, line and function of the innermost frame in this project's code (not in a
    virtual environment), else of the innermost frame at all."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [frame for frame in frames
            if Path(frame.filename).resolve().is_relative_to(ROOT) and "site-packages" not in frame.filename]
    frame = (ours or frames or [None])[-1]
    if frame is None:
        return ""
    path = Path(frame.filename)
    shown = path.resolve().relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else path.name
    return f" ({shown}:{frame.lineno} in {frame.name})"


def action_failure_line(action_name: object, error: BaseException) -> str:
    """'Aktion action_search_courses fehlgeschlagen: KeyError (actions/courses.py:101 in run)'.

    Never the exception's message or arguments, the request, the tracker or a slot: only
    the action's name (when it looks like one), the exception's type, its cause's type and
    the code location.
    """
    name = action_name if isinstance(action_name, str) and _ACTION_NAME.fullmatch(action_name) else "?"
    kind = _type_name(error)
    cause = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    if cause is not None:
        kind += f" (aus {_type_name(cause)})"
    return f"Aktion {name} fehlgeschlagen: {kind}{_where(error)}"


class RedactingFormatter(logging.Formatter):
    """A formatter whose lines, tracebacks included, pass through `redact_text`: phone
    numbers, e-mail addresses, IBANs, tax and social insurance numbers never reach a log
    file, whatever a library puts into its messages."""

    def format(self, record: logging.LogRecord) -> str:
        return redact_text(super().format(record))
