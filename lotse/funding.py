"""The funding advisor: which programmes fit a situation, why, what they pay, what is missing.

Pure rules over `knowledge/programmes.yml`; no wording beyond what staff wrote there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lotse.conditions import COURSE_FACTS, Verdict, check_condition, evaluate, evaluate_all, evaluate_not_all
from lotse.fact_questions import question_for
from lotse.knowledge import LoadedFile, knowledge
from lotse.programmes import Programme, ProgrammeCatalogue


@dataclass(frozen=True)
class Payment:
    """What a programme pays in one case; `conditional` when that case is not yet known."""

    text: str
    conditional: bool
    confirmed: bool
    # How many of the visitor's facts it depends on: the more, the more it is theirs
    # (45 or older in a company of 120 says more than the company of 120 alone).
    specificity: int = 0
    # The facts still unknown that decide whether this case applies (age for the 45+ rule).
    depends_on: frozenset[str] = frozenset()
    # The facts its case names ("when").
    facts: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Assessment:
    programme: Programme
    verdict: Verdict
    reasons: tuple[str, ...]
    unmet: tuple[str, ...]
    open: tuple[str, ...]
    missing: tuple[str, ...]
    payments: tuple[Payment, ...]

    @property
    def fits(self) -> bool:
        return self.verdict is Verdict.MET

    @property
    def may_fit(self) -> bool:
        return self.verdict is Verdict.UNKNOWN

    @property
    def open_on_the_visitor(self) -> int:
        """How many facts about the visitor (not the course) are still unknown."""
        return len([f for f in self.missing if f not in COURSE_FACTS])


@dataclass(frozen=True)
class Question:
    """The one fact that would decide most, and how to ask for it."""

    fact: str
    text: str


@dataclass(frozen=True)
class Advice:
    fitting: tuple[Assessment, ...]
    possible: tuple[Assessment, ...]
    next_question: Question | None
    ranked: tuple[Assessment, ...] = ()


def assess(programme: Programme, facts: Mapping[str, Any]) -> Assessment:
    """How one programme relates to the known facts: its conditions, and the rules of other
    programmes that exclude it (each counts as one more condition, with its own reason)."""
    outcomes = [(evaluate(c, facts), c["reason"]) for c in programme.conditions]
    outcomes += [(evaluate_not_all(rule.get("when") or [], facts), rule["reason"])
                 for rule in programme.exclusions]
    by_verdict: dict[Verdict, list[str]] = {v: [] for v in Verdict}
    for outcome, reason in outcomes:
        by_verdict[outcome.verdict].append(reason)
    missing = frozenset().union(*(o.missing for o, _ in outcomes)) if outcomes else frozenset()
    if by_verdict[Verdict.NOT_MET]:
        verdict, missing = Verdict.NOT_MET, frozenset()
    else:
        verdict = Verdict.UNKNOWN if missing else Verdict.MET
    return Assessment(programme, verdict, tuple(by_verdict[Verdict.MET]),
                      tuple(by_verdict[Verdict.NOT_MET]), tuple(by_verdict[Verdict.UNKNOWN]),
                      tuple(sorted(missing)), _payments(programme, facts))


def _payments(programme: Programme, facts: Mapping[str, Any]) -> tuple[Payment, ...]:
    payments = []
    for pay in programme.entry.get("pays") or []:
        outcome = evaluate_all(pay.get("when") or [], facts)
        if outcome.verdict is not Verdict.NOT_MET:
            named = frozenset(_facts_of(pay.get("when") or []))
            payments.append(Payment(visitor_text(pay, facts), outcome.verdict is Verdict.UNKNOWN,
                                    bool(pay.get("confirmed", True)), len(named),
                                    frozenset(outcome.missing), named))
    return tuple(payments)


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def visitor_text(pay: Mapping[str, Any], facts: Mapping[str, Any]) -> str:
    """The payment in the visitor's own figures ("Ihr Betrieb hat 120 Beschäftigte und Sie
    sind 52: ...") when every figure it names is known, else the general text."""
    own = pay.get("for_visitor")
    if not own or any(facts.get(name) is None for name in placeholders(own)):
        return pay["text"]
    return _PLACEHOLDER.sub(lambda m: _figure(facts[m.group(1)]), own)


def _figure(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", ".")
    return str(value)


def _facts_named(conditions: list[Mapping[str, Any]]) -> int:
    """How many different facts a list of conditions reads."""
    return len(_facts_of(conditions))


def _facts_of(conditions: list[Mapping[str, Any]]) -> set[str]:
    named: set[str] = set()
    for condition in conditions:
        named |= {c["fact"] for c in condition["any"]} if "any" in condition else {condition["fact"]}
    return named


# Facts that say what the visitor is after or where they stand: a qualification from abroad to
# be recognised, an upgrading degree as the goal (the Aufstiegs-BAföG's), Bürgergeld (the
# Jobcenter's way; a vocational degree is the Bildungsgutschein's, which comes first anyway),
# an age under 25 (the Weiterbildungsstipendium's group: young professionals).
# Programmes that require such a fact come first, then those that take it among others; the
# follow-up questions are about them.
MIN_AGE, YOUNG_PROFESSIONAL_BELOW = 15, 25
# The key of a programme the visitor named in the message that started the advice.
ASKED_PROGRAMME = "asked_programme"
FOCUS_FACTS: dict[str, tuple[Any, ...]] = {
    "foreign_qualification": (True,),
    "course_goal": ("advanced_degree",),
    "receives": ("buergergeld",),
    "age": tuple(range(MIN_AGE, YOUNG_PROFESSIONAL_BELOW)),
}


def focus_of(facts: Mapping[str, Any]) -> frozenset[str]:
    return frozenset(fact for fact, values in FOCUS_FACTS.items() if facts.get(fact) in values)


def _conditions_read(programme: Programme) -> set[str]:
    return _facts_of(programme.conditions)


def advise(facts: Mapping[str, Any], catalogue: ProgrammeCatalogue,
           not_to_ask: frozenset[str] = frozenset()) -> Advice:
    """Active programmes that fit, those that may fit, the question that decides most, and
    one ranking of both for presentation.

    Ranking: first the programmes about what the visitor is after (FOCUS_FACTS), then what is
    decided about the visitor (open only on course details such as AZAV approval counts as
    decided), then the order staff gave the programmes in the file (the main programmes
    first, general rules such as tax deductibility last).
    """
    active = [p for p in catalogue.active() if p.in_advice]
    order = {p.key: i for i, p in enumerate(active)}
    assessments = [assess(p, facts) for p in active]
    focus = focus_of(facts)

    def about_focus(a: Assessment) -> bool:
        return bool(focus & _conditions_read(a.programme))

    def closeness(a: Assessment) -> int:
        """0: the programme requires what the visitor is after, 1: it takes it among others."""
        required = {c["fact"] for c in a.programme.conditions if "fact" in c}
        if focus & required:
            return 0
        return 1 if about_focus(a) else 2

    def rank(a: Assessment) -> tuple[int, int, int, int]:
        # The programme the visitor asked about by name comes first.
        named = 0 if a.programme.key == facts.get(ASKED_PROGRAMME) else 1
        return (named, closeness(a), a.open_on_the_visitor, order[a.programme.key])

    fitting = tuple(sorted((a for a in assessments if a.fits), key=rank))
    possible = tuple(sorted((a for a in assessments if a.may_fit), key=rank))
    ranked = tuple(sorted((*fitting, *possible), key=rank))
    asked_about = tuple(a for a in possible if about_focus(a)) or possible
    # A company is not asked the personal facts of its staff (their age).
    amount = _amount_question(ranked[:1], not_to_ask) if facts.get("kind") != "employer" else None
    question = amount or _next_question(asked_about, not_to_ask, facts)
    return Advice(fitting, possible, question, ranked)


# Details of the course that its provider answers (AZAV approval, hours): asked only when no
# fact about the visitor decides more.
PROVIDER_DETAILS = frozenset({"course_azav", "course_hours"})


def _amount_question(first: tuple[Assessment, ...], not_to_ask: frozenset[str]) -> Question | None:
    """A fact that changes what the first programme pays (the age for the 45+ rule of § 82 in
    a company under 500) is asked first, as an advisor would."""
    for assessment in first:
        decided = [p for p in assessment.payments if not p.conditional and p.facts]
        shown = max(decided, key=lambda p: p.specificity, default=None)
        for payment in assessment.payments:
            if payment.conditional and (shown is None or shown.facts < payment.facts):
                for fact in sorted(payment.depends_on):
                    if fact not in not_to_ask and question_for(fact):
                        return Question(fact, question_for(fact).question)
    return None


def _next_question(possible: tuple[Assessment, ...], not_to_ask: frozenset[str],
                   facts: Mapping[str, Any]) -> Question | None:
    """The fact an advisor asks first for this situation (knowledge/labels.yml
    `advisor_asks_first`) if a programme shown needs it, else the askable fact missing for most
    of them; facts about the visitor before details that the course provider answers."""
    counts = Counter(fact for a in possible for fact in a.missing
                     if fact not in not_to_ask and question_for(fact))
    if not counts:
        return None
    first = knowledge().labels.data.get("advisor_asks_first", {}).get(facts.get("employment_status"), [])
    order = list(counts)

    def priority(fact: str) -> tuple[bool, int, int, int]:
        rank = first.index(fact) if fact in first else len(first)
        return (fact in PROVIDER_DETAILS, rank, -counts[fact], order.index(fact))

    fact = min(counts, key=priority)
    return Question(fact, question_for(fact).question)


# The advisor asks at most this many follow-up questions before it gives the advice.
MAX_FOLLOW_UP_QUESTIONS = 2


def next_fact_to_ask(facts: Mapping[str, Any], catalogue: ProgrammeCatalogue,
                     answered: int, skipped: frozenset[str]) -> str | None:
    """The fact to ask next, or None when the advice should be given now."""
    if answered + len(skipped) >= MAX_FOLLOW_UP_QUESTIONS:
        return None
    question = advise(facts, catalogue, skipped).next_question
    return question.fact if question else None


def advisor_reason(advice: Advice, facts: Mapping[str, Any],
                   rules: list[Mapping[str, Any]]) -> str | None:
    """Why the situation needs a person: the key of the first rule (knowledge/handover.yml
    `advisor_needed`) whose conditions hold, or "nothing_fits" when no programme with
    conditions fits or may fit (a general rule such as tax deductibility fits everybody)."""
    for rule in rules:
        if evaluate_all(rule["when"], facts).verdict is Verdict.MET:
            return rule["key"]
    if not any(a.programme.conditions for a in (*advice.fitting, *advice.possible)):
        return "nothing_fits"
    return None


def advisor_text(advice: Advice, facts: Mapping[str, Any]) -> str | None:
    """Why a person should look at this situation, in the words of knowledge/handover.yml."""
    handover = knowledge().handover.data
    key = advisor_reason(advice, facts, handover["advisor_needed"])
    if key is None:
        return None
    return handover["nothing_fits"] if key == "nothing_fits" else next(
        rule["text"] for rule in handover["advisor_needed"] if rule["key"] == key)


def check_advisor_rules(loaded: LoadedFile) -> None:
    """The conditions of `advisor_needed` are well-formed (file and line otherwise)."""
    for index, rule in enumerate(loaded.data["advisor_needed"]):
        for position, condition in enumerate(rule["when"]):
            problem = check_condition(condition)
            if problem:
                raise loaded.error(["advisor_needed", index, "when", position], problem,
                                   "Bitte die Bedingung wie in programmes.yml schreiben")
