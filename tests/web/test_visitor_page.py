"""The visitor page embeds the widget with one script tag and a JSON configuration, under a
content security policy; "Verlauf löschen" deletes the conversation on the server too."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from lotse.db import session_scope
from lotse.privacy.models import DeletionRequest
from tests.web.conftest import conversation_headers


def test_the_page_embeds_the_widget_with_one_script_and_its_configuration(client):
    page = client.get("/")
    assert page.status_code == 200 and '<html lang="de">' in page.text
    assert page.text.count("<script src=") == 1 and '/static/widget/lotse-chat.js' in page.text
    config = json.loads(re.search(r'<script type="application/json" id="lotse-chat-config">(.*?)</script>',
                                  page.text).group(1))
    assert config["rasaUrl"].startswith("http") and config["retentionDays"] == 30
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src" not in policy  # no inline scripts allowed
    assert "ws://" in policy or "wss://" in policy


def test_clearing_the_history_deletes_the_conversation_but_not_its_case(client, engine):
    assert client.post("/chat/abc123/forget", headers=conversation_headers("abc123")).status_code == 204
    with session_scope(engine) as session:
        assert session.scalar(select(DeletionRequest.conversation_id)) == "abc123"
    assert client.post("/chat/..%2Fetc/forget", headers=conversation_headers()).status_code == 404
