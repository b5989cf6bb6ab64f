"""The action server loads everything it caches before the first visitor arrives."""

from __future__ import annotations

from pathlib import Path

from lotse.knowledge import knowledge
from lotse.places import place_index
from lotse.programmes import catalogue
from lotse.warmup import warm_up


def test_warm_up_fills_the_caches_the_first_turn_would_fill():
    for loader in (knowledge, catalogue, place_index):
        loader.cache_clear()
    warm_up()
    assert all(loader.cache_info().currsize == 1 for loader in (knowledge, catalogue, place_index))


def test_the_action_server_warms_up_before_it_listens():
    source = Path("action_server/__main__.py").read_text(encoding="utf-8")
    assert source.index("warm_up()") < source.index("app.run(")
