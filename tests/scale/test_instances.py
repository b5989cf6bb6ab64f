"""Several Rasa instances and action servers on one PostgreSQL and one Redis (the production
profile, scripts/stack.py): a conversation keeps its state from instance to instance, two
messages of one conversation at the same moment are processed one after the other, and a
case, a live chat and an erasure work whichever instance a message reaches."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import requests
from sqlalchemy import create_engine, text

from tests.e2e.conftest import TEAM_MAILBOX
from tests.e2e.talk import Console, Visitor, texts, wait_for

INTAKE = ["ich bin arbeitslos in halle und will in die pflege", '/inform{"qualification":"vocational"}',
          "/affirm", "welche kurse gibt es dazu?"]
PHONE, NAME = "0345 6789012", "Frau Annegret Probst"


def test_a_conversation_keeps_its_state_from_one_instance_to_the_next(stack):
    """Message by message alternately to instance 1 and 2, the replies are those of a
    conversation that stays on instance 1."""
    alternating, staying = uuid.uuid4().hex, uuid.uuid4().hex
    for turn, message in enumerate(INTAKE):
        moved = texts(stack.say(alternating, message, base=stack.rasa(1 + turn % 2)))
        stayed = texts(stack.say(staying, message, base=stack.rasa(1)))
        assert moved == stayed, (turn, message)
        assert moved  # never silence
    # Each instance reads the same conversation from PostgreSQL.
    one, two = (stack.tracker(alternating, base=stack.rasa(i)) for i in (1, 2))
    assert one["events"] == two["events"]
    assert one["slots"]["location"] and one["slots"]["qualification"] == "vocational"


def test_two_messages_at_once_are_processed_one_after_the_other(stack):
    """Sent at the same moment to different instances: Redis's lock lets one turn finish
    before the next one starts, so no turn works on a conversation the other is changing."""
    sender = uuid.uuid4().hex
    stack.say(sender, "Hallo")
    pairs = [("ich suche einen kurs für pflege in halle", "gibt es das auch online?"),
             ("was kostet das?", "wer bezahlt das?"),
             ("ich bin 52 und arbeite in einer firma mit 120 leuten", "danke")]
    with ThreadPoolExecutor(max_workers=2) as pool:
        for first, second in pairs:
            replies = list(pool.map(lambda sent: stack.say(sender, sent[1], base=stack.rasa(sent[0])),
                                    [(1, first), (2, second)]))
            assert all(replies), "a message went unanswered"
    events = stack.tracker(sender)["events"]
    users = [e for e in events if e["event"] == "user"]
    assert len(users) == 1 + 2 * len(pairs)
    # Turn by turn: each turn's events come after the previous turn ended (action_listen).
    stamps = [e["timestamp"] for e in events]
    assert stamps == sorted(stamps), "two turns of one conversation overlapped"
    for before, after in zip(users, users[1:], strict=False):
        between = events[events.index(before) + 1:events.index(after)]
        assert between and between[-1].get("name") == "action_listen"


def call_back(stack, sender: str) -> str:
    """A call-back from the situation to the case, message by message on alternating
    instances; the last reply."""
    script = [*INTAKE[:3], '/request_human{"contact_channel":"phone"}', "/affirm",
              f"meine nummer ist {PHONE}", NAME, "vormittags"]
    reply = ""
    for turn, message in enumerate(script):
        reply = texts(stack.say(sender, message, base=stack.rasa(1 + turn % 2)))
    return reply


def case_row(stack, reference: str):
    engine = create_engine(stack.env["DATABASE_URL"])
    try:
        with engine.connect() as connection:
            return connection.execute(
                text("SELECT contact_phone, region, team FROM handover_cases WHERE reference = :r"),
                {"r": reference}).fetchone()
    finally:
        engine.dispose()


def test_a_case_is_opened_mailed_and_erased_across_instances(stack, mailbox):
    sender = uuid.uuid4().hex
    done = call_back(stack, sender)
    assert "Referenznummer WBA-20" in done, done
    reference = done.split("Referenznummer ")[1].split(".")[0]
    assert tuple(case_row(stack, reference)) == ("+49 345 6789012", "halle", "wba_sued")
    mail = wait_for(lambda: [rcpt for rcpt, m in mailbox.messages if reference in m["Subject"]])
    assert mail == [[TEAM_MAILBOX]]
    # INFO logging of every process (nginx logs no requests): no contact detail anywhere.
    for log in stack.workdir.glob("*.log"):
        text = log.read_text(errors="replace")
        assert "6789012" not in text and "Probst" not in text, log.name

    # The erasure asked on instance 1 removes the case, and the worker the conversation,
    # which neither instance then knows.
    answer = texts(stack.say(sender, "Bitte löschen Sie meine Daten", base=stack.rasa(1)))
    assert f"Fall {reference}" in answer and "gelöscht" in answer
    assert case_row(stack, reference) is None
    for instance in (1, 2):
        assert wait_for(lambda i=instance: not [e for e in stack.tracker(sender, base=stack.rasa(i))["events"]
                                                if e["event"] == "user"], seconds=40)


def test_a_live_chat_works_through_nginx_whichever_instance_answers(stack, servers):
    """The visitor's socket goes to one instance; the console's calls to Rasa's API go round
    robin to both: the pause, the staff message and the hand-back hold all the same."""
    console = Console(servers["web"])
    console.login()
    assert console.post("/staff/presence", data={"available": "1"}).status_code in (200, 303)
    visitor = Visitor(servers)
    try:
        assert "Weiterbildungslotse" in texts(visitor.say("Hallo"))
        queued = visitor.say('/request_human{"contact_channel":"chat"}')
        assert "Bitte bleiben Sie in diesem Chat" in texts(queued)
        [chat_id] = wait_for(console.waiting_chats)
        assert console.post(f"/staff/live/{chat_id}/take").status_code == 200
        assert wait_for(visitor.staff_messages)
        hello = "Guten Tag, hier ist Frau Becker."
        for _ in range(3):  # three calls, so both instances take part
            assert console.post(f"/staff/live/{chat_id}/send", json={"text": hello}).status_code == 200
        assert len(wait_for(lambda: [m for m in visitor.staff_messages() if m["text"] == hello]) or []) >= 1
        question = "Ich suche einen Schweißkurs in Halle, wer bezahlt den?"
        assert visitor.say(question, expect_reply=False) == []  # paused, on every instance
        assert wait_for(lambda: [m for m in console.conversation(chat_id) if m["text"] == question])
        assert console.post(f"/staff/live/{chat_id}/handback").status_code == 200
        assert wait_for(visitor.staff_messages)
        assert "Weiterbildungslotse" in texts(visitor.say("Hallo"))
    finally:
        visitor.close()


def test_the_readiness_checks_of_the_deployment_files_pass(stack):
    """What deploy/ asks before traffic goes to a part: the model loaded, the migrations done."""
    assert stack.ready("app") == 0
    assert [stack.ready("rasa", i) for i in (1, 2)] == [0, 0]


def test_only_the_chat_socket_and_the_web_process_are_public(stack):
    for path in ("/webhooks/rest/webhook", "/conversations/x/tracker", "/status", "/model/parse"):
        answer = requests.get(f"{stack.public}{path}", timeout=10)
        assert answer.status_code in (404, 405), path
    # Internally, the HTTP API needs its token.
    assert requests.get(f"{stack.internal}/conversations/x/tracker", timeout=10).status_code == 401
    assert requests.get(f"{stack.internal}/conversations/x/tracker",
                        params={"token": stack.env["RASA_AUTH_TOKEN"]}, timeout=10).status_code == 200
