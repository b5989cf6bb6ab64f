"""The editors' loop end to end, on a copy of the project:

- a visitor's message the assistant misunderstands shows in the console's review (masked), a
  staff member corrects it there, and the correction lands in the review file;
- the steps of the editors' guide for a new intent (docs/redaktion.md, „Eine neue Absicht
  anlegen“: its YAML boxes, each headed by where it belongs) are carried out on the copy;
- the project's checks accept the copy, one training on it learns both, and the trained
  assistant then understands the corrected sentence and answers the new intent.

The training is the project's pipeline and policies on all of the copy's data, with fewer
epochs than config.yml (DIET and TED) and no story augmentation, so that it takes about three
minutes; rules, which the new intent needs, are learnt exactly by the RulePolicy whatever the
epochs."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import requests
import yaml
from ruamel.yaml import YAML

from lotse.domain_files import DOMAIN_DIR, domain_dir, domain_files
from tests.e2e.conftest import ROOT
from tests.e2e.talk import Console, say

# Colloquial, with an introduction and a phone number that the review must not show.
SENTENCE = "wat kost dat denn nu für mich am ende"
INTRODUCTION = "moin, mein name ist jana kowalski, tel 0171 2345678. "
WANTED = "ask_funding"
GUIDE = ROOT / "docs" / "redaktion.md"
GUIDE_SECTION = "## Eine neue Absicht anlegen"
NEW_INTENT_QUESTION = "sag mal, wie heißt du eigentlich?"
TEST_EPOCHS = {"DIETClassifier": 5, "TEDPolicy": 2}
TALK = """
import asyncio, json, sys
from rasa.core.agent import Agent
agent = Agent.load(sys.argv[1])
parsed = asyncio.run(agent.parse_message(sys.argv[2]))
replies = asyncio.run(agent.handle_text(sys.argv[3], sender_id="guide-test"))
print(json.dumps({"intent": parsed["intent"]["name"], "replies": [r.get("text") for r in replies]}))
"""


def parse(servers: dict[str, str], text: str) -> dict:
    answer = requests.post(f"{servers['rasa']}/model/parse", params={"token": servers["token"]},
                           json={"text": text}, timeout=30)
    answer.raise_for_status()
    return answer.json()["intent"]


def guide_boxes() -> list[tuple[str, str]]:
    """(where, content) of each YAML box of the guide's section on a new intent."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split(GUIDE_SECTION, 1)[1].split("\n## ", 1)[0]
    boxes = re.findall(r"```yaml\n# ([^\n]+)\n(.*?)```", section, flags=re.DOTALL)
    assert len(boxes) == 5, boxes
    return boxes


def carry_out(project: Path, where: str, content: str) -> None:
    """One step of the guide, as an editor would do it."""
    if new_file := re.fullmatch(r"Datei (\S+) \(neu\)", where):
        target = project / new_file.group(1)
        assert not target.exists()
        target.write_text(content, encoding="utf-8")
    elif section := re.fullmatch(rf"({DOMAIN_DIR}/\w+\.yml), unter (\w+): ergänzen", where):
        domain_file, key = project / section.group(1), section.group(2)
        assert domain_file in domain_files(project), f"no domain file {section.group(1)}"
        rt = YAML()
        domain = rt.load(domain_file.read_text(encoding="utf-8"))
        addition = yaml.safe_load(content)
        if isinstance(addition, list):
            domain[key].extend(addition)
        else:
            domain[key].update(addition)
        with domain_file.open("w", encoding="utf-8") as file:
            rt.dump(domain, file)
    elif appended := re.fullmatch(r"(\S+), am Ende ergänzen", where):
        with (project / appended.group(1)).open("a", encoding="utf-8") as file:
            file.write(content)
    else:
        raise AssertionError(f"unknown step in the guide: {where}")


def project_copy(target: Path, review_file: Path) -> Path:
    """The project's training inputs and checks' inputs, with the review file in data/nlu/."""
    shutil.copy(ROOT / "config.yml", target / "config.yml")
    for directory in (DOMAIN_DIR, "data", "knowledge", "tests"):
        shutil.copytree(ROOT / directory, target / directory,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*.lock"))
    shutil.copy(review_file, target / "data" / "nlu" / "review.yml")
    config = yaml.safe_load((target / "config.yml").read_text(encoding="utf-8"))
    for component in config["pipeline"] + config["policies"]:
        component["epochs"] = TEST_EPOCHS.get(component["name"], component.get("epochs"))
        if component["epochs"] is None:
            del component["epochs"]
    (target / "config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    return target


def run(*command: str) -> subprocess.CompletedProcess:
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1500)
    assert done.returncode == 0, f"{command[:4]}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def correct_in_the_console(servers: dict[str, str]) -> Path:
    """A misunderstood message, found in the review (masked) and corrected there."""
    assert parse(servers, SENTENCE)["name"] != WANTED
    say(servers, f"review-{uuid.uuid4().hex}", INTRODUCTION + SENTENCE)
    console = Console(servers["web"])
    console.login()
    listing = console.http.get(f"{servers['web']}/staff/gespraeche", params={"missverstanden": "1"},
                               timeout=30).text
    rows = [row for row in listing.split("<tr>") if "kost dat denn nu" in row]
    assert len(rows) == 1, listing
    handle = re.search(r'href="/staff/gespraeche/([0-9a-f]{20})"', rows[0]).group(1)
    page = console.http.get(f"{servers['web']}/staff/gespraeche/{handle}", timeout=30).text
    assert "kowalski" not in page.lower() and "2345678" not in page
    assert "[Name entfernt]" in page and "[Telefonnummer entfernt]" in page
    # The staff member keeps only the question and chooses the intent.
    answer = console.post(f"/staff/gespraeche/{handle}/korrektur", allow_redirects=False,
                          data={"nummer": "1", "satz": SENTENCE, "absicht": WANTED})
    assert answer.status_code == 303, answer.text
    review_file = Path(servers["review_file"])
    assert json.dumps(SENTENCE, ensure_ascii=False) in review_file.read_text(encoding="utf-8")
    pending = console.http.get(f"{servers['web']}/staff/gespraeche/korrekturen", timeout=30).text
    assert "kost dat denn nu" in pending
    return review_file


def test_a_correction_and_the_guide_s_new_intent_are_learnt_by_the_next_training(servers, tmp_path):
    copy = project_copy(tmp_path, correct_in_the_console(servers))
    for where, content in guide_boxes():
        carry_out(copy, where, content)

    # The checks of `make validate`, on the copy: the editors' checks, the strict story check;
    # `rasa data validate` is the validation `rasa train` makes first (and stops on) below.
    rasa, app = str(ROOT / ".venv/bin/rasa"), str(ROOT / ".venv-app/bin/python")
    paths = ["--domain", str(domain_dir(copy)), "--data", str(copy / "data"),
             "--config", str(copy / "config.yml")]
    run(app, "-m", "lotse.cli", "check-data", "--project", str(copy))
    run(rasa, "data", "validate", "stories", *paths, "--max-history", "5", "--fail-on-warning")

    # One training; then the assistant reads the corrected sentence and answers the new intent.
    run(rasa, "train", *paths, "--out", str(copy / "models"), "--fixed-model-name", "edited",
        "--augmentation", "0")
    talked = run(str(ROOT / ".venv/bin/python"), "-c", TALK, str(copy / "models" / "edited.tar.gz"),
                 SENTENCE, NEW_INTENT_QUESTION)
    result = json.loads(talked.stdout.strip().splitlines()[-1])
    assert result["intent"] == WANTED
    assert result["replies"] == [yaml.safe_load(guide_boxes()[2][1])["utter_bot_name"][0]["text"]]
