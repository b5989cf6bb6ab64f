"""A call-back becomes a case only with consent and a contact detail; staff work on it."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Engine, select

from lotse.db import session_scope
from lotse.handover import drafts
from lotse.handover.cases import (
    CaseContext,
    Routing,
    add_note,
    claim,
    close,
    find_case,
    list_cases,
    open_case,
    open_case_from_draft,
    reopen,
)
from lotse.handover.contact import ContactDetail
from lotse.handover.models import CLOSED, IN_PROGRESS, OPEN, ContactDraft
from lotse.handover.references import canonical_reference

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
CONTEXT = CaseContext("request", conversation_id="c-1", region="halle", team="wba_sued",
                      summary="Ihre berufliche Situation: arbeitslos",
                      suggestions=("Förderung: Bildungsgutschein",),
                      transcript=({"who": "visitor", "text": "Hallo", "at": None},))


def fill_draft(engine: Engine, consent: bool = True, detail: ContactDetail | None = None) -> None:
    with session_scope(engine) as session:
        drafts.start_draft(session, "c-1", "Damit Sie jemand zurückruft ... Sind Sie einverstanden?", NOW)
        if consent:
            assert drafts.record_consent(session, "c-1", NOW)
        drafts.record_contact(session, "c-1", detail or ContactDetail("phone", "+49 345 1234567"))
        drafts.record_name(session, "c-1", "Frau Becker")
        drafts.record_preferred_time(session, "c-1", "vormittags")


def test_a_consented_call_back_becomes_a_case_with_everything_and_the_draft_goes(db_engine: Engine):
    fill_draft(db_engine)
    with session_scope(db_engine) as session:
        case = open_case_from_draft(session, CONTEXT, Routing(email_default=("team@wba.example",)), NOW)
        assert canonical_reference(case.reference) == case.reference and case.status == OPEN
        assert case.reference.startswith("WBA-2026-")
        assert (case.channel, case.contact_phone, case.contact_name, case.preferred_time) == (
            "phone", "+49 345 1234567", "Frau Becker", "vormittags")
        assert case.consent_text.startswith("Damit Sie jemand") and case.consent_at is not None
        assert case.team == "wba_sued" and case.suggestions == ["Förderung: Bildungsgutschein"]
        assert case.transcript[0]["text"] == "Hallo"
        assert [m.target for m in case.outbox] == ["team@wba.example"]
    with session_scope(db_engine) as session:
        assert session.scalars(select(ContactDraft)).all() == []


def test_without_consent_no_contact_detail_is_kept_and_no_case_opens(db_engine: Engine):
    fill_draft(db_engine, consent=False)
    with session_scope(db_engine) as session:
        draft = drafts.draft_of(session, "c-1")
        assert draft.phone is None and draft.name is None
        assert open_case_from_draft(session, CONTEXT, Routing(), NOW) is None


def test_an_email_answer_keeps_the_address(db_engine: Engine):
    fill_draft(db_engine, detail=ContactDetail("email", "anna@example.org"))
    with session_scope(db_engine) as session:
        case = open_case_from_draft(session, CONTEXT, Routing(), NOW)
        assert (case.channel, case.contact_email, case.contact_phone) == ("email", "anna@example.org", None)


def test_staff_claim_note_close_and_reopen_a_case(db_engine: Engine):
    fill_draft(db_engine)
    with session_scope(db_engine) as session:
        reference = open_case_from_draft(session, CONTEXT, Routing(), NOW).reference
    with session_scope(db_engine) as session:
        case = find_case(session, reference.lower())
        claim(case, "Frau Becker", NOW)
        add_note(case, "Frau Becker", "  Rückruf vereinbart für Donnerstag ", NOW)
        assert case.status == IN_PROGRESS and case.notes[0].text == "Rückruf vereinbart für Donnerstag"
        assert [c.reference for c in list_cases(session, team="wba_sued")] == [reference]
        assert list_cases(session, team="wba_nord") == []
        close(case, NOW)
        assert list_cases(session) == []
        assert [c.reference for c in list_cases(session, status=CLOSED)] == [reference]
        reopen(case, NOW)
        assert case.status == IN_PROGRESS and case.closed_at is None


def test_a_case_of_unknown_region_is_seen_by_every_team(db_engine: Engine):
    with session_scope(db_engine) as session:
        reference = open_case(session, CaseContext("fallback"), Routing(), NOW).reference
        assert [c.reference for c in list_cases(session, team="wba_nord")] == [reference]
        assert [c.reference for c in list_cases(session, team="wba_west")] == [reference]
