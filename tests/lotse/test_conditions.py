from lotse.conditions import Verdict, check_condition, evaluate, evaluate_all

SMALL = {"fact": "company_size", "lt": 50}
STATUS = {"fact": "employment_status", "in": ["unemployed", "jobseeking"]}


def test_known_fact_is_met_or_not():
    assert evaluate(SMALL, {"company_size": 8}).verdict is Verdict.MET
    assert evaluate(SMALL, {"company_size": 120}).verdict is Verdict.NOT_MET


def test_missing_fact_is_unknown_and_named():
    outcome = evaluate(SMALL, {})
    assert outcome.verdict is Verdict.UNKNOWN and outcome.missing == {"company_size"}


def test_any_is_met_by_one_and_unknown_while_undecided():
    either = {"any": [STATUS, {"fact": "qualification", "in": ["none"]}]}
    assert evaluate(either, {"qualification": "none"}).verdict is Verdict.MET
    assert evaluate(either, {"employment_status": "employed"}).missing == {"qualification"}
    assert evaluate(either, {"employment_status": "employed", "qualification": "vocational"}).verdict \
        is Verdict.NOT_MET


def test_all_fails_on_one_unmet_even_with_unknowns():
    assert evaluate_all([SMALL, STATUS], {"company_size": 600}).verdict is Verdict.NOT_MET
    assert evaluate_all([SMALL, STATUS], {"company_size": 6}).missing == {"employment_status"}
    assert evaluate_all([], {}).verdict is Verdict.MET


def test_malformed_conditions_are_reported():
    assert check_condition({"fact": "alter", "gte": 45}).startswith("unbekannter Fakt")
    assert "Wert" in check_condition({"fact": "qualification", "in": ["meister"]})
    assert check_condition({"fact": "age", "gte": "45"}) is not None
    assert check_condition({"fact": "age", "gte": 45, "lt": 60}) is not None
    assert check_condition({"any": [SMALL, STATUS]}) is None
