"""What the assistant says about programmes: cards for the advice, facts for `ask_program`,
and the numbered plan "Ihr Weg". Data only; the wording around it is in domain/funding.yml."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lotse.agency import contact, stand
from lotse.funding import Advice, Assessment, Payment
from lotse.knowledge import knowledge
from lotse.offices import Office, directory
from lotse.programmes import Programme, catalogue

# A card stays two or three short lines: one payment (the one most particular to the visitor's
# facts), the first sentence of the next step.
MAX_PAYMENTS_SHOWN = 1
SHORT_PAYMENT = 110


@dataclass(frozen=True)
class Card:
    """One programme as shown in the advice: two or three short lines."""

    key: str
    name: str
    fits: bool
    open_conditions: tuple[str, ...]
    payments: tuple[str, ...]
    next_step: str
    office: str
    stand: str
    confirmed: bool
    # "Ob mehr übernommen wird, hängt noch ab von Ihrem Alter (ab 45 Jahren)": a fact not yet
    # told that would change the amount shown.
    depends_on: str = ""
    # The office as fields for a card that links them (name, phone, email, web), from the
    # same office as `office`.
    contact: tuple[tuple[str, str], ...] = ()


_ABBREVIATIONS = ("bzw.", "ggf.", "ca.", "inkl.", "evtl.", "usw.", "etc.", "max.", "mind.", "Nr.",
                  "Abs.", "vgl.", "bspw.", "sog.")


def first_sentence(text: str) -> str:
    """The first sentence of a text; "z. B.", "ggf." and the like do not end one."""
    for match in re.finditer(r"[.!?](?=\s|$)", text):
        head = text[:match.end()]
        single_letter = re.search(r"(^|\s)\w\.$", head)
        if single_letter or head.endswith(_ABBREVIATIONS):
            continue
        return head.strip()
    return text


def office_text(office: Office | None) -> str:
    """Who to contact, with the contact details known, or the agency's hotline."""
    if office is None:
        facts = contact()
        return f"die Weiterbildungsagentur ({facts['hotline']}, {facts['email']})"
    parts = [office.name]
    if office.phone:
        parts.append(f"Tel. {office.phone}")
    if office.email:
        parts.append(office.email)
    if office.web and office.confirmed:
        parts.append(office.web)
    return ", ".join(parts)


def office_fields(office: Office | None) -> tuple[tuple[str, str], ...]:
    """The same contact as office_text, field by field (empty ones left out)."""
    if office is None:
        facts = contact()
        return (("name", "die Weiterbildungsagentur"), ("phone", facts["hotline"]), ("email", facts["email"]))
    fields = [("name", office.name), ("phone", office.phone or ""), ("email", office.email or ""),
              ("web", office.web if office.web and office.confirmed else "")]
    return tuple((name, value) for name, value in fields if value)


def _office_for(programme: Programme, district: str | None) -> Office | None:
    return directory().for_application(programme.entry["apply"]["office"], district)


def card(assessment: Assessment, district: str | None) -> Card:
    programme = assessment.programme
    decided = sorted((p for p in assessment.payments if not p.conditional), key=lambda p: -p.specificity)
    payments = [p.text for p in decided][:MAX_PAYMENTS_SHOWN]
    if len(decided) > 1 and decided[1].specificity == decided[0].specificity and all(
        len(p.text) <= SHORT_PAYMENT for p in decided[:2]
    ):
        # Two short amounts that both apply ("1.000 € nach der Zwischenprüfung", "1.500 € nach
        # der Abschlussprüfung") are shown together.
        payments.append(decided[1].text)
    if not payments or (not decided[0].facts and any(p.conditional and p.facts for p in assessment.payments)):
        # No amount is decided for the visitor yet: the first case as staff wrote it, which
        # names its condition ("in Betrieben mit weniger als 50 Beschäftigten ...").
        payments = [p.text for p in assessment.payments][:1]
    office = _office_for(programme, district)
    return Card(programme.key, programme.name, assessment.fits, assessment.open, tuple(payments),
                first_sentence(programme.entry["apply"]["how"]), office_text(office),
                stand(programme.entry["as_of"]), programme.entry["confirmed"],
                _depends_on(assessment.payments, next((p for p in decided if p.facts), None)),
                office_fields(office))


def _depends_on(payments: tuple[Payment, ...], shown: Payment | None) -> str:
    """The sentence naming the untold facts that would refine the amount shown: those of a
    case that names every fact of the shown one and more (45+ in a company under 500), or,
    when no amount is decided yet, those the amounts depend on (the company's size)."""
    labels = knowledge().labels.data["advice"]
    missing = [fact for p in payments if p.conditional and (shown is None or shown.facts < p.facts)
               for fact in sorted(p.depends_on)]
    words = labels["depends_on_facts"]
    named = list(dict.fromkeys(words[fact] for fact in missing if fact in words))
    template = labels["depends_on"] if shown is not None else labels["depends_on_open"]
    return template.format(facts=" oder ".join(named)) if named else ""


def cards(advice: Advice, district: str | None) -> list[Card]:
    """The programmes in the advisor's ranking."""
    return [card(a, district) for a in advice.ranked]


@dataclass(frozen=True)
class ProgrammeFacts:
    """Everything `ask_program` states about one programme."""

    key: str
    name: str
    active: bool
    summary: str
    for_whom: str
    payments: tuple[str, ...]
    apply_how: str
    office: str
    stand: str
    unconfirmed: tuple[str, ...]
    ended: str | None
    successor: str | None


def programme_facts(programme: Programme, district: str | None) -> ProgrammeFacts:
    entry = programme.entry
    successor = catalogue().get(programme.successor).name if programme.successor else None
    ended_on = programme.ended_on
    ended = ended_on.strftime("%d.%m.%Y") if ended_on else None
    return ProgrammeFacts(
        programme.key, entry["name"], programme.is_active, entry["summary"], entry["for_whom"],
        tuple(p["text"] for p in entry.get("pays") or [] if not p.get("when"))[:3],
        entry["apply"]["how"], office_text(_office_for(programme, district)),
        stand(entry["as_of"]), tuple(entry.get("unconfirmed") or []), ended, successor)


def plan(advice: Advice, district: str | None) -> list[str]:
    """'Ihr Weg': numbered next steps for the best-fitting programmes (at most three)."""
    steps = []
    for assessment in advice.ranked[:3]:
        programme = assessment.programme
        office = office_text(_office_for(programme, district))
        steps.append(f"{programme.name}: {programme.entry['apply']['how']} Kontakt: {office}.")
        documents = programme.entry.get("documents") or []
        if documents:
            steps.append(f"Für {programme.name} mitbringen: {', '.join(documents)}.")
    return steps
