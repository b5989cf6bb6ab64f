from lotse.db import session_scope
from lotse.intake_stats import intakes_by_region, record_intake, size_band
from lotse.models import IntakeRecord
from lotse.schema import init_db
from lotse.situation import EMPLOYER, PERSON, Situation


def test_confirmed_intake_is_stored_anonymously():
    init_db()
    with session_scope() as session:
        record_intake(session, Situation(kind=PERSON, employment_status="unemployed",
                                         location="Halle (Saale)", region="halle", topic="Pflege"))
    with session_scope() as session:
        record = session.query(IntakeRecord).order_by(IntakeRecord.id.desc()).first()
        assert record.region == "halle"
        assert not hasattr(record, "topic") and not hasattr(record, "location")
        assert intakes_by_region(session)["halle"] >= 1


def test_company_size_is_stored_as_band():
    assert size_band(8) == "1-9"
    assert size_band(40) == "10-49"
    assert size_band(120) == "50-249"
    assert size_band(600) == "500+"
    init_db()
    with session_scope() as session:
        record = record_intake(session, Situation(kind=EMPLOYER, company_size=40, region="harz"))
        assert record.company_size_band == "10-49"


def test_failed_unit_of_work_leaves_nothing_behind():
    init_db()
    with session_scope() as session:
        before = session.query(IntakeRecord).count()
    try:
        with session_scope() as session:
            record_intake(session, Situation(kind=PERSON, region="harz"))
            raise RuntimeError("interrupted")
    except RuntimeError:
        pass
    with session_scope() as session:
        assert session.query(IntakeRecord).count() == before
