"""The funding rules, table-driven: situations, expected programmes and amounts.

Each case names the line of the research file (shared/knowledge/domain-facts.md) its
expectation comes from, with a snippet that must stand on that line, so a changed fact
shows up as a failing trace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lotse import clock
from lotse.funding import advise, assess
from lotse.programmes import catalogue

FACTS_FILE = Path(__file__).resolve().parents[3] / "shared" / "knowledge" / "domain-facts.md"

PERSON = {"kind": "person", "in_state": True, "works_in_state": True}
EMPLOYEE = {**PERSON, "employment_status": "employed", "qualification": "vocational"}
EMPLOYER = {"kind": "employer", "in_state": True}
# A course of an employee that § 82 can fund: not one for a Meister or Fachwirt (§ 22 Abs. 1a).
QUALIFYING_COURSE = {"employer_agrees": True, "course_hours": 200, "course_azav": True,
                     "course_goal": "other"}
# The table states the law as the research checked it; programmes with an end date are judged
# on this day unless a case names another.
RESEARCH_DAY = date(2026, 12, 2)


@dataclass
class Case:
    name: str
    facts: dict[str, Any]
    fits: tuple[str, ...] = ()
    not_fits: tuple[str, ...] = ()
    may_fit: tuple[str, ...] = ()
    pays: dict[str, str] = field(default_factory=dict)      # programme → snippet of a payment
    not_pays: dict[str, str] = field(default_factory=dict)
    trace: tuple[int, str] = (0, "")                        # line of domain-facts.md, snippet
    day: date = RESEARCH_DAY                                 # the day the advice is given
    not_fitting: tuple[str, ...] = ()                        # at most "kommt in Frage, wenn"


CASES = [
    Case("unemployed with an approved course gets the Bildungsgutschein",
         {**PERSON, "employment_status": "unemployed", "receives": "alg1", "course_azav": True},
         fits=("bildungsgutschein",), trace=(49, "Arbeitslose")),
    Case("unemployed without knowing the course may get the Bildungsgutschein",
         {**PERSON, "employment_status": "unemployed"}, may_fit=("bildungsgutschein",),
         trace=(49, "Bildungsgutschein")),
    Case("unemployed retraining to a vocational degree gets 150 euros a month",
         {**PERSON, "employment_status": "unemployed", "receives": "alg1", "course_azav": True,
          "course_goal": "vocational_degree"},
         fits=("weiterbildungsgeld",), pays={"weiterbildungsgeld": "150 €"},
         trace=(139, "150 € monatlich")),
    Case("retraining to a vocational degree earns the exam bonuses",
         {**PERSON, "employment_status": "unemployed", "course_goal": "vocational_degree"},
         fits=("weiterbildungspraemie",), pays={"weiterbildungspraemie": "1.500 €"},
         trace=(138, "1.000 €")),
    Case("working Buergergeld recipient gets Weiterbildungsgeld too",
         {**PERSON, "employment_status": "employed", "receives": "buergergeld",
          "course_goal": "vocational_degree"},
         fits=("weiterbildungsgeld",), pays={"weiterbildungsgeld": "neben"},
         trace=(140, "im bestehenden Arbeitsverhältnis")),
    Case("Buergergeld recipients are sent from the Jobcenter to the Agentur",
         {**PERSON, "employment_status": "unemployed", "receives": "buergergeld"},
         fits=("jobcenter_sgb2",), pays={"jobcenter_sgb2": "Agentur"},
         trace=(207, "verweist an die Agentur")),
    Case("employee of a company with 8 staff: all course costs",
         {**EMPLOYEE, "company_size": 8, **QUALIFYING_COURSE},
         fits=("beschaeftigtenfoerderung",), pays={"beschaeftigtenfoerderung": "(100 %)"},
         trace=(105, "100 %")),
    Case("employer with 40 staff: all course costs",
         {**EMPLOYER, "company_size": 40, **QUALIFYING_COURSE},
         fits=("beschaeftigtenfoerderung",), pays={"beschaeftigtenfoerderung": "weniger als 50"},
         trace=(105, "< 50")),
    Case("employer with 120 staff: half of the course costs",
         {**EMPLOYER, "company_size": 120, **QUALIFYING_COURSE},
         fits=("beschaeftigtenfoerderung",), pays={"beschaeftigtenfoerderung": "50 bis 499"},
         not_pays={"beschaeftigtenfoerderung": "weniger als 50"}, trace=(106, "50 – 499")),
    Case("employer with 600 staff: a quarter of the course costs",
         {**EMPLOYER, "company_size": 600, **QUALIFYING_COURSE},
         fits=("beschaeftigtenfoerderung",), pays={"beschaeftigtenfoerderung": "die Agentur 25 %"},
         trace=(107, "25 %")),
    Case("employee aged 50 in a company with 120 staff: all course costs",
         {**EMPLOYEE, "age": 50, "company_size": 120, **QUALIFYING_COURSE},
         fits=("beschaeftigtenfoerderung",), pays={"beschaeftigtenfoerderung": "Sie sind 50"},
         trace=(110, "45 Jahre")),
    Case("employee aged 50 in a company with 600 staff: no 45+ rule",
         {**EMPLOYEE, "age": 50, "company_size": 600, **QUALIFYING_COURSE},
         fits=("beschaeftigtenfoerderung",), not_pays={"beschaeftigtenfoerderung": "45 Jahre"},
         trace=(110, "< 500")),
    Case("a course of 80 hours is too short for employee funding",
         {**EMPLOYEE, "company_size": 40, "employer_agrees": True, "course_hours": 80,
          "course_azav": True},
         not_fits=("beschaeftigtenfoerderung", "qualifizierungsgeld"),
         trace=(96, "mehr als 120 Stunden")),
    Case("employee funding may fit while the course length is unknown",
         {**EMPLOYEE, "company_size": 40, "employer_agrees": True, "course_azav": True},
         may_fit=("beschaeftigtenfoerderung",), trace=(96, "120 Stunden")),
    Case("employee without vocational qualification: Bildungsgutschein and the 100 % rule",
         {**PERSON, "employment_status": "employed", "qualification": "none", "company_size": 30,
          **QUALIFYING_COURSE},
         fits=("bildungsgutschein", "beschaeftigtenfoerderung"),
         pays={"beschaeftigtenfoerderung": "ohne Berufsabschluss"}, trace=(113, "ohne Berufsabschluss")),
    Case("master craftsman course of 600 hours: Aufstiegs-BAfoeG",
         {**EMPLOYEE, "course_goal": "advanced_degree", "course_hours": 600},
         fits=("aufstiegs_bafoeg",), pays={"aufstiegs_bafoeg": "15.000 €"}, trace=(149, "15.000 €")),
    Case("an advanced course of 300 hours is too short for Aufstiegs-BAfoeG",
         {**EMPLOYEE, "course_goal": "advanced_degree", "course_hours": 300},
         not_fits=("aufstiegs_bafoeg",), trace=(147, "400")),
    Case("Aufstiegs-BAfoeG needs a vocational qualification",
         {**PERSON, "employment_status": "employed", "qualification": "none",
          "course_goal": "advanced_degree", "course_hours": 600},
         not_fits=("aufstiegs_bafoeg",), trace=(54, "mit Berufsabschluss")),
    Case("a new master in Sachsen-Anhalt gets the Meisterbonus PLUS",
         {**EMPLOYEE, "qualification": "advanced"},
         fits=("meisterbonus_plus",), pays={"meisterbonus_plus": "1.000 €"}, trace=(229, "1.000 €")),
    Case("a master founding a craft business in Sachsen-Anhalt gets the Meistergruendungspraemie",
         {**EMPLOYEE, "qualification": "advanced", "plans_founding": True},
         fits=("meistergruendungspraemie",), pays={"meistergruendungspraemie": "10.000 €"},
         trace=(236, "10.000 € Zuschuss")),
    Case("a master who does not found a business gets no founding bonus",
         {**EMPLOYEE, "qualification": "advanced", "plans_founding": False},
         not_fits=("meistergruendungspraemie",), trace=(236, "erstmaliger Gründung")),
    Case("no Meisterbonus outside Sachsen-Anhalt",
         {**EMPLOYEE, "qualification": "advanced", "in_state": False, "works_in_state": False},
         not_fits=("meisterbonus_plus", "meistergruendungspraemie"), trace=(229, "in Sachsen-Anhalt")),
    Case("foreign qualification and low income: recognition costs are paid",
         {**PERSON, "employment_status": "employed", "foreign_qualification": True,
          "taxable_income_yearly": 20000},
         fits=("anerkennungszuschuss", "iq_netzwerk"), pays={"anerkennungszuschuss": "100 %"},
         trace=(63, "100 % der Verfahrenskosten")),
    Case("foreign qualification and high income: IQ advice, no recognition grant",
         {**PERSON, "employment_status": "employed", "foreign_qualification": True,
          "taxable_income_yearly": 50000},
         fits=("iq_netzwerk",), not_fits=("anerkennungszuschuss",), trace=(63, "40.000 €")),
    Case("employee in Sachsen-Anhalt for a year has Bildungsurlaub",
         {**EMPLOYEE, "months_employed": 12},
         fits=("bildungsfreistellung",), pays={"bildungsfreistellung": "5 Arbeitstage"},
         trace=(179, "5 Arbeitstage je Kalenderjahr")),
    Case("no Bildungsurlaub in the first six months",
         {**EMPLOYEE, "months_employed": 3}, not_fits=("bildungsfreistellung",),
         trace=(58, "nach 6 Monaten")),
    Case("no Bildungsurlaub of Sachsen-Anhalt with a workplace elsewhere",
         {**EMPLOYEE, "months_employed": 24, "works_in_state": False},
         not_fits=("bildungsfreistellung",), trace=(58, "Arbeitsstätte oder AG-Sitz in LSA")),
    Case("unemployed people have no Bildungsurlaub",
         {**PERSON, "employment_status": "unemployed", "months_employed": 0},
         not_fits=("bildungsfreistellung",), trace=(58, "AN/Azubis")),
    Case("outside Sachsen-Anhalt no state programme, federal ones may still fit",
         {"kind": "person", "in_state": False, "works_in_state": False, "employment_status": "employed",
          "qualification": "vocational"},
         not_fits=("sa_weiterbildung_individuell", "bildungsfreistellung"),
         may_fit=("beschaeftigtenfoerderung",), trace=(60, "in LSA")),
    Case("self-employed in Sachsen-Anhalt: company access of Sachsen-Anhalt WEITERBILDUNG",
         {**PERSON, "employment_status": "self_employed"},
         fits=("sa_weiterbildung_betrieblich",), pays={"sa_weiterbildung_betrieblich": "80 %"},
         trace=(59, "Selbstständige in LSA")),
    Case("company with 40 staff in Sachsen-Anhalt: up to 100.000 euros",
         {**EMPLOYER, "company_size": 40},
         fits=("sa_weiterbildung_betrieblich",), pays={"sa_weiterbildung_betrieblich": "100.000 €"},
         trace=(189, "max. 100.000 Euro")),
    Case("low income: 90 % of an individual course",
         {**EMPLOYEE, "age": 35, "income_monthly_gross": 1800, "course_goal": "other"},
         fits=("sa_weiterbildung_individuell",), pays={"sa_weiterbildung_individuell": "Bis 90 %"},
         trace=(198, "< 2.000 €/Monat")),
    Case("middle income: 80 % of an individual course",
         {**EMPLOYEE, "age": 35, "income_monthly_gross": 2500, "course_goal": "other"},
         fits=("sa_weiterbildung_individuell",), pays={"sa_weiterbildung_individuell": "Bis 80 %"},
         not_pays={"sa_weiterbildung_individuell": "Bis 90 %"}, trace=(199, "< 3.000 €")),
    Case("higher income under 45: 60 % of an individual course",
         {**EMPLOYEE, "age": 30, "income_monthly_gross": 3500, "course_goal": "other"},
         fits=("sa_weiterbildung_individuell",), pays={"sa_weiterbildung_individuell": "Bis 60 %"},
         not_pays={"sa_weiterbildung_individuell": "Bis 80 %"}, trace=(200, "alle übrigen")),
    Case("higher income aged 50: 80 % of an individual course",
         {**EMPLOYEE, "age": 50, "income_monthly_gross": 3500, "course_goal": "other"},
         fits=("sa_weiterbildung_individuell",), pays={"sa_weiterbildung_individuell": "Bis 80 %"},
         not_pays={"sa_weiterbildung_individuell": "Bis 60 %"}, trace=(199, "ab 45 Jahren")),
    Case("unemployed with benefits: no individual access",
         {**PERSON, "employment_status": "unemployed", "receives": "alg1", "course_goal": "other"},
         not_fits=("sa_weiterbildung_individuell",), trace=(195, "Arbeitslose **ohne** Leistungen")),
    Case("apprentice under 18: no individual access",
         {**PERSON, "employment_status": "in_training", "age": 17, "course_goal": "other"},
         not_fits=("sa_weiterbildung_individuell",), trace=(195, "volljährige Azubis")),
    Case("adult apprentice: individual access for an additional qualification",
         {**PERSON, "employment_status": "in_training", "age": 19, "course_goal": "other",
          "income_monthly_gross": 1000},
         fits=("sa_weiterbildung_individuell",), trace=(195, "volljährige Azubis")),
    Case("young professional under 25 can apply for the Weiterbildungsstipendium",
         {**EMPLOYEE, "age": 23}, fits=("weiterbildungsstipendium",),
         pays={"weiterbildungsstipendium": "8.700 €"}, trace=(158, "8.700 €")),
    Case("no Weiterbildungsstipendium at 30",
         {**EMPLOYEE, "age": 30}, not_fits=("weiterbildungsstipendium",),
         trace=(157, "jünger als 25")),
    Case("university graduates get no Aufstiegsstipendium",
         {**PERSON, "employment_status": "employed", "qualification": "academic"},
         not_fits=("aufstiegsstipendium",), trace=(164, "kein Hochschulabschluss")),
    Case("short-time worker with employer support: Qualifizierungsgeld at 60 %",
         {**PERSON, "employment_status": "short_time", "qualification": "vocational",
          "company_size": 200, **QUALIFYING_COURSE, "structural_change": True,
          "qualification_agreement": True},
         fits=("qualifizierungsgeld", "beschaeftigtenfoerderung"),
         pays={"qualifizierungsgeld": "60 %"}, trace=(130, "**60 %**")),
    Case("a company of 8 without course details: employee funding may fit",
         {**EMPLOYER, "company_size": 8}, may_fit=("beschaeftigtenfoerderung",),
         pays={"beschaeftigtenfoerderung": "weniger als 50"}, trace=(105, "< 50")),
    # Section 7 of the research (corrections checked 2026-12-02).
    Case("the Meistergruendungspraemie is still offered on 31.12.2026",
         {**EMPLOYEE, "qualification": "advanced", "plans_founding": True},
         fits=("meistergruendungspraemie",), day=date(2026, 12, 31),
         trace=(594, "valid until 31.12.2026")),
    Case("the Meistergruendungspraemie has ended on 01.01.2027",
         {**EMPLOYEE, "qualification": "advanced", "plans_founding": True},
         not_fits=("meistergruendungspraemie",), day=date(2027, 1, 1),
         trace=(592, "For a successor from 2027: no source")),
    Case("no Meisterbonus PLUS money is known after 2026",
         {**EMPLOYEE, "qualification": "advanced"}, not_fits=("meisterbonus_plus",),
         day=date(2027, 1, 1), trace=(584, "until **31.12.2026**")),
    Case("childcare with the Bildungsgutschein is 160 euros a month",
         {**PERSON, "employment_status": "unemployed", "course_azav": True},
         fits=("bildungsgutschein",), pays={"bildungsgutschein": "160 €"}, trace=(569, "160 € per child")),
    Case("the Aufstiegsstipendium pays 1,014 euros, newer figures unconfirmed",
         {**EMPLOYEE, "course_goal": None},
         pays={"aufstiegsstipendium": "1.014 €"}, trace=(576, "= 1,014 € per month")),
    Case("the Weiterbildungsstipendium has 2,900 euros a year as guidance, not as a cap",
         {**EMPLOYEE, "age": 22}, fits=("weiterbildungsstipendium",),
         pays={"weiterbildungsstipendium": "keine feste Jahresgrenze"}, trace=(577, "no hard annual cap")),
    Case("an unemployed 50-year-old is not told the Aufstiegsstipendium fits",
         {**PERSON, "employment_status": "unemployed", "qualification": "vocational", "age": 50,
          "receives": "alg1"},
         not_fitting=("aufstiegsstipendium",), trace=(576, "for full-time study")),
    Case("52 in a company of 120: 100 % in the rule, a Soll rule the Agentur decides",
         {**EMPLOYEE, "age": 52, "company_size": 120, **QUALIFYING_COURSE},
         fits=("beschaeftigtenfoerderung",),
         pays={"beschaeftigtenfoerderung": "Sie sind 52: Die Agentur übernimmt in der Regel 100 %"},
         trace=(555, "This is a Soll-rule, not a legal entitlement")),
    Case("severely disabled in a company of 300: 100 % in the rule",
         {**EMPLOYEE, "severely_disabled": True, "age": 38, "company_size": 300, **QUALIFYING_COURSE},
         fits=("beschaeftigtenfoerderung",),
         pays={"beschaeftigtenfoerderung": "Sie sind schwerbehindert: Die Agentur übernimmt in der Regel"},
         trace=(555, "schwerbehindert under § 2 Abs. 2 SGB IX")),
    Case("an employee's Meister course: Aufstiegs-BAfoeG, no § 82 and no Qualifizierungsgeld",
         {**EMPLOYEE, "company_size": 120, "age": 34, **QUALIFYING_COURSE, "course_hours": 600,
          "course_goal": "advanced_degree"},
         fits=("aufstiegs_bafoeg",), not_fits=("beschaeftigtenfoerderung", "qualifizierungsgeld"),
         trace=(557, "only if the course does not prepare for a Fortbildungsziel")),
    Case("a part-time employee's Fachwirt course: the same exclusion",
         {**EMPLOYEE, "weekly_hours": 25, "company_size": 40, **QUALIFYING_COURSE, "course_hours": 500,
          "course_goal": "advanced_degree"},
         fits=("aufstiegs_bafoeg",), not_fits=("beschaeftigtenfoerderung",),
         trace=(557, "§ 22 Abs. 1a S. 1 SGB III")),
    Case("Qualifizierungsgeld with structural change and an agreement",
         {**EMPLOYEE, "company_size": 300, **QUALIFYING_COURSE, "structural_change": True,
          "qualification_agreement": True},
         fits=("qualifizierungsgeld",), trace=(562, "at least 20 % of staff")),
    Case("no Qualifizierungsgeld without structural change",
         {**EMPLOYEE, "company_size": 300, **QUALIFYING_COURSE, "structural_change": False,
          "qualification_agreement": True},
         not_fits=("qualifizierungsgeld",), fits=("beschaeftigtenfoerderung",),
         trace=(562, "strukturwandelbedingter Qualifizierungsbedarf must affect")),
    Case("Qualifizierungsgeld only may fit while structural change and agreement are open",
         {**EMPLOYEE, "company_size": 300, **QUALIFYING_COURSE},
         may_fit=("qualifizierungsgeld",), not_fitting=("qualifizierungsgeld",),
         trace=(562, "a Betriebsvereinbarung or Tarifvertrag must contain")),
    Case("Digital And Creative Economy is no training funding for an employer",
         {**EMPLOYER, "company_size": 30}, not_fits=("digital_creative_economy",),
         trace=(597, "**not** a training programme")),
]


def _keys(assessments) -> set[str]:
    return {a.programme.key for a in assessments}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_funding_rule(case: Case, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: case.day)
    advice = advise(case.facts, catalogue())
    fitting, possible = _keys(advice.fitting), _keys(advice.possible)
    assert set(case.fits) <= fitting, (fitting, possible)
    assert not set(case.not_fits) & (fitting | possible)
    assert not set(case.not_fitting) & fitting
    assert set(case.may_fit) <= possible, possible
    for key, snippet in case.pays.items():
        texts = [p.text for p in assess(catalogue().get(key), case.facts).payments]
        assert any(snippet in t for t in texts), texts
    for key, snippet in case.not_pays.items():
        texts = [p.text for p in assess(catalogue().get(key), case.facts).payments]
        assert not any(snippet in t for t in texts), texts


def test_there_are_at_least_forty_situations():
    assert len(CASES) >= 40


@pytest.mark.skipif(not FACTS_FILE.exists(), reason="shared/ is not beside this checkout")
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_expectation_traces_to_a_line_of_the_research(case: Case):
    line_number, snippet = case.trace
    line = FACTS_FILE.read_text(encoding="utf-8").splitlines()[line_number - 1]
    assert snippet in line, f"domain-facts.md:{line_number} no longer says {snippet!r}"


def test_ended_programmes_are_never_advised():
    facts = {**EMPLOYEE, "age": 30, "income_monthly_gross": 1500, "company_size": 50}
    advised = _keys(advise(facts, catalogue()).fitting) | _keys(advise(facts, catalogue()).possible)
    ended = {p.key for p in catalogue().programmes.values() if not p.is_active}
    assert ended and not advised & ended


def test_ended_programme_names_its_successor():
    old = catalogue().find("Weiterbildung Direkt")
    assert old is not None and not old.is_active
    assert catalogue().get(old.successor).is_active


def test_the_question_that_decides_most_is_asked():
    advice = advise({"kind": "employer", "in_state": True}, catalogue())
    assert advice.next_question is not None and advice.next_question.text


@pytest.mark.parametrize(("text", "key"), [
    ("Bildungsgutschein", "bildungsgutschein"), ("bildungsgutschien", "bildungsgutschein"),
    ("BGS", "bildungsgutschein"), ("Meister-BAföG", "aufstiegs_bafoeg"),
    ("meister bafoeg", "aufstiegs_bafoeg"), ("Bildungsurlaub", "bildungsfreistellung"),
    ("QCG", "beschaeftigtenfoerderung"), ("Qualifizierungschancengesetz", "beschaeftigtenfoerderung"),
    ("Bildungsprämie", "bildungspraemie"), ("go-digital", "go_digital"),
])
def test_programmes_are_found_by_name_alias_and_typo(text, key):
    assert catalogue().find(text).key == key


def test_specific_programmes_come_before_general_rules():
    facts = {**PERSON, "employment_status": "unemployed", "receives": "alg1", "course_azav": True}
    fitting = [a.programme.key for a in advise(facts, catalogue()).fitting]
    assert fitting[0] == "bildungsgutschein"
    assert fitting[-1] == "steuerliche_absetzbarkeit"


def test_at_most_two_follow_up_questions_and_skipped_facts_are_not_asked_again():
    from lotse.funding import next_fact_to_ask

    facts = {**PERSON, "employment_status": "unemployed", "qualification": "vocational"}
    first = next_fact_to_ask(facts, catalogue(), answered=0, skipped=frozenset())
    assert first == "receives"  # an advisor asks an unemployed person about the benefit first
    assert next_fact_to_ask(facts, catalogue(), 0, frozenset({"receives"})) not in (None, "receives")
    assert next_fact_to_ask(facts, catalogue(), answered=2, skipped=frozenset()) is None


def test_a_young_professional_sees_the_weiterbildungsstipendium_first():
    facts = {"kind": "person", "employment_status": "employed", "in_state": True,
             "qualification": "vocational", "age": 21}
    assert advise(facts, catalogue()).ranked[0].programme.key == "weiterbildungsstipendium"
    older = advise({**facts, "age": 46}, catalogue()).ranked
    assert older[0].programme.key != "weiterbildungsstipendium"
