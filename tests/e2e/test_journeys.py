"""The journeys of tests/journeys/ against the real servers: at least 95 % reach what the
visitor came for, and none has a dead end (the same reply three times in a row).

With JOURNEYS_JSON_OUT set, the outcomes are also written there as JSON (`make eval`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.journeys.run import (
    Assistant,
    Outcome,
    load_journeys,
    play_all,
    repeated_replies,
    summary,
    write_json,
)
from tests.journeys.stories import load_stories, play_story

MIN_PASS_RATE = 0.95
MIN_JOURNEYS = 60


@pytest.fixture(scope="module")
def outcomes(servers) -> list[Outcome]:
    journeys = load_journeys()
    assert len(journeys) >= MIN_JOURNEYS
    played = play_all(journeys, Assistant(servers["rasa"], servers["token"]))
    print(summary(played))
    if os.environ.get("JOURNEYS_JSON_OUT"):
        write_json(played, Path(os.environ["JOURNEYS_JSON_OUT"]))
    return played


def test_visitors_reach_what_they_came_for(outcomes):
    passed = sum(o.passed for o in outcomes)
    assert passed / len(outcomes) >= MIN_PASS_RATE, summary(outcomes)


def test_no_journey_repeats_a_reply_three_times(outcomes):
    repeats = [o for o in outcomes if any("dreimal" in p for p in o.problems)]
    assert not repeats, summary(repeats)


def test_no_story_repeats_a_reply_three_times(servers):
    assistant = Assistant(servers["rasa"], servers["token"])
    repeated = {}
    for story in load_stories():
        exchanges = play_story(story, assistant)
        problems = repeated_replies([e.text for e in exchanges])
        if problems:
            repeated[story["story"]] = problems
    assert not repeated
