"""No address, phone number or e-mail address in knowledge/ without a source that states it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from lotse.knowledge import KnowledgeError, knowledge, load_knowledge
from lotse.offices import CONTACT_DETAILS, OfficeDirectory

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
PHONE = re.compile(r"(?<![\d.,=&])0\d{2,4}[ /-]?\d[\d -]{4,}\d(?![\d.,])")
# Street addresses that section 7.12 of the research found no source for.
UNSOURCED = {"agentur_sued", "agentur_ost", "ihk_halle_dessau"}


def _sourced_numbers() -> set[str]:
    """Phone numbers that carry their own source: the offices' (contact_sources) and the
    agency's (a source per fact)."""
    numbers = {office[detail] for office in knowledge().offices.data["offices"].values()
               for detail in ("phone", "phone_employers") if office.get(detail)}
    numbers.add(knowledge().agency.data["hotline"]["value"])
    return {re.sub(r"\D", "", n) for n in numbers}


def test_every_office_contact_detail_names_a_source_it_lists():
    for key, office in knowledge().offices.data["offices"].items():
        urls = {source["url"] for source in office["sources"]}
        for detail in CONTACT_DETAILS:
            if office.get(detail):
                assert office.get("contact_sources", {}).get(detail) in urls, (key, detail)


def test_the_addresses_without_a_source_stay_empty():
    offices = knowledge().offices.data["offices"]
    assert all(offices[key].get("address") is None for key in UNSOURCED)


@pytest.mark.parametrize("name", ["programmes.yml", "offices.yml", "agency.yml", "handover.yml"])
def test_every_phone_number_in_a_text_is_one_with_a_source(name):
    text = (KNOWLEDGE / name).read_text(encoding="utf-8")
    urls_removed = re.sub(r"https?://\S+", "", text)
    for number in PHONE.findall(urls_removed):
        digits = re.sub(r"\D", "", number)
        assert any(digits.startswith(known) or known.startswith(digits) for known in _sourced_numbers()), \
            f"{name}: {number} hat keine Quelle"


def test_an_address_from_memory_is_refused_with_file_line_and_fix(tmp_path: Path):
    copy = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, copy)
    offices = copy / "offices.yml"
    text = offices.read_text(encoding="utf-8")
    marker = "    address: null   # 7.12: no source found; fill in from the IHK's own Impressum"
    assert marker in text
    offices.write_text(text.replace(marker, '    address: "Irgendwo 1, 06110 Halle"'), encoding="utf-8")
    with pytest.raises(KnowledgeError) as error:
        OfficeDirectory(load_knowledge(copy).offices)
    message = str(error.value)
    line = next(i for i, line in enumerate(offices.read_text().splitlines(), 1) if "Irgendwo 1" in line)
    assert f"offices.yml:{line}:" in message and "contact_sources" in message
