"""`/chat/...` tried as another visitor or another site would: without the conversation's
token, with the token of another conversation, from a page of another site."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from lotse.conversation_token import is_valid, sign
from lotse.db import session_scope
from lotse.privacy.models import DeletionRequest
from tests.web.conftest import CONVERSATION, SIGNING_KEY, SITE, conversation_headers
from web.relay import TOKEN_HEADER

OTHER = "0123456789abcdef0123456789abcdef"


def _deletions(engine) -> int:
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(DeletionRequest))


def test_a_new_conversation_comes_with_its_token(client: TestClient):
    answer = client.post("/chat/session", headers={"Origin": SITE})
    assert answer.status_code == 200 and answer.headers["cache-control"] == "no-store"
    body = answer.json()
    assert len(body["sessionId"]) == 32 and is_valid(SIGNING_KEY, body["sessionId"], body["token"])
    assert body != client.post("/chat/session", headers={"Origin": SITE}).json()


@pytest.mark.parametrize("headers", [
    {},                                                            # only the id, stolen or guessed
    {TOKEN_HEADER: "x" * 43},                                      # a made-up token
    {TOKEN_HEADER: sign(SIGNING_KEY, OTHER)},                      # the token of another conversation
    {TOKEN_HEADER: sign("another-key", CONVERSATION)},             # signed with another key
])
def test_forget_and_messages_without_the_right_token_are_refused_alike(client, engine, headers):
    forget = client.post(f"/chat/{CONVERSATION}/forget", headers=headers)
    messages = client.get(f"/chat/{CONVERSATION}/messages", headers=headers)
    assert forget.status_code == messages.status_code == 404
    # A made-up id gets the very same answer: nothing tells whether a conversation exists.
    made_up = client.post("/chat/nobodyhas/forget", headers=headers)
    assert (made_up.status_code, made_up.json()) == (forget.status_code, forget.json())
    assert _deletions(engine) == 0


def test_a_page_of_another_site_is_refused_even_with_the_token(client, engine):
    stolen = {**conversation_headers(), "Origin": "https://evil.example"}
    assert client.post(f"/chat/{CONVERSATION}/forget", headers=stolen).status_code == 403
    assert client.get(f"/chat/{CONVERSATION}/messages", headers=stolen).status_code == 403
    assert client.post("/chat/session", headers={"Origin": "https://evil.example"}).status_code == 403
    assert _deletions(engine) == 0


def test_the_right_token_from_the_site_is_served(client, engine):
    assert client.get(f"/chat/{CONVERSATION}/messages", headers=conversation_headers()).status_code == 200
    assert client.post(f"/chat/{CONVERSATION}/forget", headers=conversation_headers()).status_code == 204
    assert _deletions(engine) == 1
