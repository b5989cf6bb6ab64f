"""The funding advisor: which programmes fit a situation, why, what they pay, what is missing.

Pure rules over `knowledge/programmes.yml`; no wording beyond what staff wrote there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lotse.conditions import COURSE_FACTS, Verdict, check_condition, evaluate, evaluate_all
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
    """How one programme relates to the known facts."""
    by_verdict: dict[Verdict, list[str]] = {v: [] for v in Verdict}
    for condition in programme.conditions:
        by_verdict[evaluate(condition, facts).verdict].append(condition["reason"])
    overall = evaluate_all(programme.conditions, facts)
    return Assessment(programme, overall.verdict, tuple(by_verdict[Verdict.MET]),
                      tuple(by_verdict[Verdict.NOT_MET]), tuple(by_verdict[Verdict.UNKNOWN]),
                      tuple(sorted(overall.missing)), _payments(programme, facts))


def _payments(programme: Programme, facts: Mapping[str, Any]) -> tuple[Payment, ...]:
    payments = []
    for pay in programme.entry.get("pays") or []:
        outcome = evaluate_all(pay.get("when") or [], facts)
        if outcome.verdict is not Verdict.NOT_MET:
            payments.append(Payment(pay["text"], outcome.verdict is Verdict.UNKNOWN,
                                    bool(pay.get("confirmed", True)), _facts_named(pay.get("when") or [])))
    return tuple(payments)


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
    active = catalogue.active()
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
    return Advice(fitting, possible, _next_question(asked_about, not_to_ask), ranked)


def _next_question(possible: tuple[Assessment, ...], not_to_ask: frozenset[str]) -> Question | None:
    """The askable fact missing for most of the programmes that may fit."""
    counts = Counter(fact for a in possible for fact in a.missing
                     if fact not in not_to_ask and question_for(fact))
    if not counts:
        return None
    fact, _ = counts.most_common(1)[0]
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
