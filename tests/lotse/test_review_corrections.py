"""Corrections of the conversation review as training examples: the review file written from
the recorded corrections where the console does not run (an editor's checkout), the refusals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lotse.db import make_engine, session_scope
from lotse.review.corrections import CorrectionRefused, Mark, Project, correct, write_review_file
from lotse.review.review_file import ReviewExample, read_examples, write_examples
from lotse.schema import init_db

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 11, 30)


@pytest.fixture
def engine(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'lotse.db'}")
    init_db(engine)
    yield engine
    engine.dispose()


def test_the_review_file_is_written_from_the_recorded_corrections(engine, tmp_path: Path):
    console_file = tmp_path / "console" / "review.yml"
    project = Project(ROOT, console_file)
    with session_scope(engine) as session:
        correct(session, project, "wat kost dat  denn nu für mich in halle", "ask_funding",
                [Mark("halle", "location")], DAY, "Frau Becker")
        correct(session, project, "jo moin ihr lieben", "greet", [], DAY, "Herr Schulz")
    checkout = tmp_path / "checkout" / "review.yml"
    write_examples(checkout, [ReviewExample("thank", date(2026, 11, 1), "merci vielmals ihr lieben")])
    with session_scope(engine) as session:
        assert write_review_file(session, checkout) == 3
        assert write_review_file(session, checkout) == 3  # twice: nothing twice
    assert read_examples(checkout) == sorted([
        ReviewExample("ask_funding", DAY, "wat kost dat denn nu für mich in [halle](location)"),
        ReviewExample("greet", DAY, "jo moin ihr lieben"),
        ReviewExample("thank", date(2026, 11, 1), "merci vielmals ihr lieben")])
    text = checkout.read_text(encoding="utf-8")
    assert "Becker" not in text and "Schulz" not in text and "# Nachricht vom 2026-11-30" in text


def test_a_marked_text_must_be_in_the_sentence_and_marks_must_not_overlap(engine, tmp_path: Path):
    project = Project(ROOT, tmp_path / "review.yml")
    with session_scope(engine) as session, pytest.raises(CorrectionRefused, match="überschneiden"):
        correct(session, project, "kurs in halle saale bitte", "search_course",
                [Mark("halle saale", "location"), Mark("saale", "location")], DAY, "Frau Becker")
    unknown = "Angabe „ort“ gibt es nicht"
    with session_scope(engine) as session, pytest.raises(CorrectionRefused, match=unknown):
        correct(session, project, "kurs in halle bitte", "search_course", [Mark("halle", "ort")], DAY, "x")
    assert not (tmp_path / "review.yml").exists()
