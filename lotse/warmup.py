"""Load once, before the first visitor: knowledge files, programmes, places, offices, the
topic vocabulary, the course search and the message reader. Each of these is cached per
process on first use; a server that calls `warm_up()` at start answers its first visitor as
fast as its hundredth (the first turn otherwise parses every YAML file of knowledge/)."""

from __future__ import annotations

from lotse.catalog.service import searcher
from lotse.catalog.topics import topic_vocabulary
from lotse.knowledge import knowledge
from lotse.offices import directory
from lotse.places import place_index
from lotse.programmes import catalogue
from lotse.understanding.service import understand

SAMPLE_MESSAGE = "bin 45, arbeitslos in halle und will pflege lernen. wer bezahlt das?"


def warm_up() -> None:
    knowledge()
    catalogue()
    place_index()
    directory()
    topic_vocabulary()
    searcher()
    understand(SAMPLE_MESSAGE, [], "ask_funding")
