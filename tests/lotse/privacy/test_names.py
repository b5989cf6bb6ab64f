"""Names typed outside the contact questions are masked where the review shows conversations;
ordinary words after the same phrases are left alone."""

from __future__ import annotations

import pytest

from lotse.redaction.names import NAME_REMOVED, mask_names


@pytest.mark.parametrize(("text", "masked"), [
    ("mein name ist kevin becker und ich suche was", f"mein name ist {NAME_REMOVED} und ich suche was"),
    ("ich heiße Kevin und bin 30", f"ich heiße {NAME_REMOVED} und bin 30"),
    ("ich bin Jana, 34, aus Dessau", f"ich bin {NAME_REMOVED}, 34, aus Dessau"),
    ("Gruß Anna Schmidt", f"Gruß {NAME_REMOVED}"),
    ("mfg K. Becker", f"mfg {NAME_REMOVED}"),
    ("Viele Grüße\nThomas", f"Viele Grüße\n{NAME_REMOVED}"),
    ("Frau Müller vom Amt sagt, ich soll fragen", f"Frau {NAME_REMOVED} vom Amt sagt, ich soll fragen"),
])
def test_names_after_an_introduction_a_greeting_or_a_title_are_masked(text: str, masked: str):
    assert mask_names(text) == masked


@pytest.mark.parametrize("text", [
    "ich bin Elektriker in Halle", "ich bin arbeitslos seit März", "ich bin der Meinung das ist teuer",
    "hier ist mein Problem", "danke schön", "grüße aus halle", "frau mit 2 kindern sucht umschulung",
])
def test_ordinary_words_after_the_same_phrases_stay(text: str):
    assert mask_names(text) == text
