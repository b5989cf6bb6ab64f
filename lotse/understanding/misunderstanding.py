"""Two misunderstandings in a row bring the offer of a person.

A misunderstanding is a message the assistant could not place (the fallback), a "weiß ich
nicht" or "keine Ahnung" when nothing was asked, or a question it is not for. The visitor's
turns come in as (text, intent) pairs, oldest first, as the conversation kept them (a message
the fallback asked about counts once).
"""

from __future__ import annotations

from collections.abc import Sequence

MISUNDERSTOOD = frozenset({"nlu_fallback", "dont_know", "out_of_scope"})
IN_A_ROW = 2


def misunderstood_in_a_row(turns: Sequence[tuple[str, str | None]]) -> int:
    """How many of the latest turns in a row the assistant did not understand."""
    count = 0
    for _, intent in reversed(turns):
        if intent not in MISUNDERSTOOD:
            break
        count += 1
    return count


def person_needed(turns: Sequence[tuple[str, str | None]]) -> bool:
    return misunderstood_in_a_row(turns) >= IN_A_ROW
