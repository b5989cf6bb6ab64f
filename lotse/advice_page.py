"""One page of funding advice as the conversation shows it (actions/funding.py): which cards,
their wording, whether more follow, and the advisor's reason on the first page; and the
wording of a single programme. Labels come from knowledge/labels.yml (`advice`)."""

from __future__ import annotations

from dataclasses import dataclass

from lotse.advice import Card, ProgrammeFacts, cards
from lotse.funding import advise, advisor_text
from lotse.knowledge import knowledge
from lotse.programmes import catalogue
from lotse.situation import Situation

PAGE_SIZE = 3


def _labels() -> dict[str, str]:
    return knowledge().labels.data["advice"]


def card_variables(item: Card) -> dict[str, str]:
    """The wording of one programme card (the response's variables)."""
    labels = _labels()
    fit = labels["fits"] if item.fits else f"{labels['may_fit']} {' '.join(item.open_conditions)}"
    note = "" if item.confirmed else f". {labels['partly_unconfirmed']}"
    return {"name": item.name, "fit": fit, "pays": " ".join((*item.payments, item.depends_on)).strip(),
            "next_step": item.next_step, "office": item.office, "stand": item.stand + note}


@dataclass(frozen=True)
class AdvicePage:
    cards: tuple[Card, ...]
    first: bool
    more: bool
    # How many programmes the visitor has seen after this page, and where the next one starts.
    seen: int
    next_offset: int
    # Why a person should look at the situation (first page only), None when not needed.
    advisor_reason: str | None


def page(situation: Situation, offset: int, seen_before: int = 0, size: int = PAGE_SIZE) -> AdvicePage:
    advice = advise(situation.facts(), catalogue())
    shown = cards(advice, situation.district_key)
    items = tuple(shown[offset:offset + size])
    return AdvicePage(
        cards=items, first=offset == 0, more=offset + size < len(shown),
        seen=max(seen_before, offset + len(items)), next_offset=offset + size,
        advisor_reason=advisor_text(advice, situation.facts()) if offset == 0 else None)


def ended_note(facts: ProgrammeFacts) -> str:
    """" Nachfolger: …." after an ended programme, or nothing."""
    return f" {_labels()['successor']} {facts.successor}." if facts.successor else ""


def unconfirmed_note(facts: ProgrammeFacts) -> str:
    """What the research could not confirm of a programme, or nothing."""
    return f" {_labels()['unconfirmed']} {'; '.join(facts.unconfirmed)}." if facts.unconfirmed else ""
