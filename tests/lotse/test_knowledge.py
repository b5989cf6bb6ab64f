import re
import shutil
from pathlib import Path

import pytest

from lotse.knowledge import KnowledgeError, load_knowledge
from lotse.places import PlaceIndex

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_shipped_knowledge_is_valid():
    loaded = load_knowledge(KNOWLEDGE)
    PlaceIndex(loaded.places)


def test_wrong_phone_number_names_file_line_and_fix(knowledge_copy: Path):
    agency = knowledge_copy / "agency.yml"
    hotline = load_knowledge(knowledge_copy).agency.data["hotline"]["value"]
    _replace(agency, f'value: "{hotline}"', 'value: "Hotline"')
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(knowledge_copy)
    message = str(error.value)
    line = _line_of(agency, 'value: "Hotline"')
    assert f"agency.yml:{line}" in message
    assert "hotline/value" in message and "Muster" in message


def test_missing_as_of_date_is_reported(knowledge_copy: Path):
    agency = knowledge_copy / "agency.yml"
    text = agency.read_text()
    start = text.index("email:")
    without, removed = re.subn(r"^  as_of: .*\n", "", text[start:], count=1, flags=re.MULTILINE)
    assert removed == 1
    agency.write_text(text[:start] + without)
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(knowledge_copy)
    assert "as_of" in str(error.value) and "ergänzen" in str(error.value)


def test_broken_yaml_names_the_line(knowledge_copy: Path):
    labels = knowledge_copy / "labels.yml"
    _replace(labels, '  employed: "beschäftigt"', '  employed: "beschäftigt\n   bad: [')
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(knowledge_copy)
    assert "labels.yml:" in str(error.value) and "kein gültiges YAML" in str(error.value)


def test_town_in_unknown_district_names_the_line(knowledge_copy: Path):
    places = knowledge_copy / "places.yml"
    _replace(places, "district: harz", "district: hartz")
    loaded = load_knowledge(knowledge_copy)
    with pytest.raises(KnowledgeError) as error:
        PlaceIndex(loaded.places)
    assert f"places.yml:{_line_of(places, 'district: hartz')}" in str(error.value)


def test_condition_with_unknown_fact_names_the_line(knowledge_copy: Path):
    from lotse.programmes import ProgrammeCatalogue

    programmes = knowledge_copy / "programmes.yml"
    _replace(programmes, "fact: course_hours", "fact: kursstunden")
    loaded = load_knowledge(knowledge_copy)
    with pytest.raises(KnowledgeError) as error:
        ProgrammeCatalogue(loaded.programmes)
    assert "unbekannter Fakt 'kursstunden'" in str(error.value)
    assert "programmes.yml:" in str(error.value)


def test_related_topic_that_does_not_exist_names_the_line(knowledge_copy: Path):
    from lotse.catalog.topics import checked_vocabulary

    topics = knowledge_copy / "topics.yml"
    text = topics.read_text(encoding="utf-8")
    start = text.index("related: [") + len("related: [")
    topics.write_text(text[:start] + '"Tiefseetauchen", ' + text[start:], encoding="utf-8")
    with pytest.raises(KnowledgeError) as error:
        checked_vocabulary(load_knowledge(knowledge_copy).topics)
    assert f"topics.yml:{_line_of(topics, 'Tiefseetauchen')}" in str(error.value)
    assert "Tiefseetauchen" in str(error.value)
