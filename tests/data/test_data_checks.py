"""`make validate` (lotse.data_checks): each check on a small broken project written into
tmp_path, with the German message the editors get (file, line, wording), and the real project,
which must have no Fehler."""

from __future__ import annotations

import io
import re
import shutil
import textwrap
from datetime import date
from pathlib import Path

import pytest

from lotse.cli import main
from lotse.data_checks.examples import check_duplicate_examples
from lotse.data_checks.findings import ERROR, NOTE, Finding
from lotse.data_checks.intents import check_example_counts, check_intents_answered, check_intents_known
from lotse.data_checks.knowledge_files import check_knowledge_schemas
from lotse.data_checks.links import check_links
from lotse.data_checks.responses import check_responses
from lotse.data_checks.runner import Options, check_readable, report, run_checks
from lotse.data_checks.schema_messages import german
from lotse.data_checks.similarity import check_similar_examples
from lotse.data_checks.stand import check_stand
from lotse.data_checks.synonyms import check_synonyms

ROOT = Path(__file__).resolve().parents[2]

DOMAIN = """\
version: "3.1"
intents:
  - greet
  - goodbye
entities:
  - contact_channel
  - location
slots:
  contact_channel:
    type: categorical
    values: [phone, email]
    mappings:
      - type: from_entity
        entity: contact_channel
  location:
    type: text
    mappings:
      - type: from_entity
        entity: location
forms:
  callback_form:
    required_slots:
      - location
responses:
  utter_greet:
    - text: "Guten Tag!"
  utter_goodbye:
    - text: "Auf Wiedersehen!"
  utter_ask_location:
    - text: "Wo wohnen Sie?"
"""
NLU = """\
version: "3.1"
nlu:
- intent: greet
  examples: |
    - hallo
    - guten tag
    - moin
- intent: goodbye
  examples: |
    - tschuess
    - auf wiedersehen
    - bis bald
"""
RULES = """\
version: "3.1"
rules:
  - rule: greet
    steps:
      - intent: greet
      - action: utter_greet
  - rule: goodbye
    steps:
      - intent: goodbye
      - action: utter_goodbye
"""
RULES_TYPO = RULES.replace("action: utter_goodbye", "action: utter_goodby")
VOCABULARY = """\
entities:
  employment_status:
    unemployed: [arbeitslos]
    employed: [angestellt]
"""


def project(tmp_path: Path, **changes: str) -> Path:
    """A small, correct project; `changes` maps a path ("data/nlu/review.yml", with "__" for
    "/") to the text that replaces or adds that file."""
    files = {"domain/core.yml": DOMAIN, "data/nlu/general.yml": NLU, "data/rules/conversation.yml": RULES,
             "knowledge/vocabulary.yml": VOCABULARY}
    files.update({name.replace("__", "/").replace("_yml", ".yml").replace("_py", ".py"): text
                  for name, text in changes.items()})
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def lines(findings: list[Finding]) -> list[str]:
    return sorted(str(f) for f in findings)


def test_the_small_project_is_correct(tmp_path):
    root = project(tmp_path)
    for check in (check_readable, check_intents_known, check_intents_answered, check_duplicate_examples,
                  check_similar_examples, check_responses, check_synonyms, check_links):
        assert check(root) == [], check.__name__
    assert check_example_counts(root, 3) == []


def test_a_file_that_is_no_yaml(tmp_path):
    broken = NLU.replace("- intent: goodbye", "- intent: goodbye\n bad")
    root = project(tmp_path, data__nlu__general_yml=broken)
    [finding] = check_readable(root)
    assert (finding.level, finding.path, finding.line) == (ERROR, "data/nlu/general.yml", 10)
    assert finding.message.startswith("Die Datei ist kein gültiges YAML (")
    assert finding.message.endswith("Bitte prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen.")


def test_every_knowledge_file_is_checked_against_its_schema(tmp_path):
    knowledge = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge" / "schema", knowledge / "schema")
    agency = (ROOT / "knowledge" / "agency.yml").read_text(encoding="utf-8")
    broken_line = agency.splitlines().index("  confirmed: false") + 1
    (knowledge / "agency.yml").write_text(agency.replace("  confirmed: false", "  confirmed: vielleicht", 1),
                                          encoding="utf-8")
    (knowledge / "vocabulary.yml").write_text("entities:\n  employment_status: [arbeitslos\n",
                                              encoding="utf-8")
    findings = check_knowledge_schemas(tmp_path)
    by_path = {f.path: f for f in findings}
    assert all(f.level == ERROR for f in findings)
    agency_problem = by_path["knowledge/agency.yml"]
    assert agency_problem.line == broken_line
    assert agency_problem.message.startswith(
        "Feld website/confirmed: 'vielleicht' hat nicht die erwartete Art. ")
    assert "true" in agency_problem.message
    vocabulary_problem = by_path["knowledge/vocabulary.yml"]
    assert vocabulary_problem.line == 3
    assert vocabulary_problem.message.startswith("kein gültiges YAML (")
    assert vocabulary_problem.message.endswith("Bitte Einrückung, Doppelpunkte und Anführungszeichen prüfen.")
    assert str(by_path["knowledge/places.yml"]) == (
        "knowledge/places.yml: Fehler: Die Wissensdatei knowledge/places.yml fehlt. Bitte legen Sie sie "
        "wieder an (z. B. aus der letzten Version im Git).")


@pytest.mark.parametrize(("english", "in_german"), [
    ("Feld districts/0: 'seat' is a required property", "Feld districts/0: das Pflichtfeld „seat“ fehlt"),
    ("Feld programmes/0/status: 'aktiv' is not one of ['active', 'ended']",
     "Feld programmes/0/status: 'aktiv' ist hier nicht erlaubt"),
    ("Feld as_of: '25.11.2026' does not match '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'",
     "Feld as_of: '25.11.2026' hat nicht die erwartete Form"),
    ("Feld hotline: Additional properties are not allowed ('nummer' was unexpected)",
     "Feld hotline: unbekanntes Feld 'nummer'"),
    ("kein gültiges YAML (found unexpected end of stream)",
     "kein gültiges YAML (found unexpected end of stream)"),
])
def test_schema_messages_are_german(english, in_german):
    assert german(english) == in_german


def test_intents_need_enough_examples(tmp_path):
    root = project(tmp_path, domain__core_yml=DOMAIN.replace("  - goodbye\n", "  - goodbye\n  - thank\n"))
    assert lines(check_example_counts(root, 4)) == [
        "data/nlu/general.yml:3: Fehler: Die Absicht greet hat nur 3 Beispielsätze, nötig sind mindestens "
        "4. Bitte ergänzen Sie hier weitere Sätze, wie Besucher sie schreiben.",
        "data/nlu/general.yml:8: Fehler: Die Absicht goodbye hat nur 3 Beispielsätze, nötig sind "
        "mindestens 4. Bitte ergänzen Sie hier weitere Sätze, wie Besucher sie schreiben.",
        "domain/core.yml:5: Fehler: Die Absicht thank hat keine Beispielsätze (nötig sind mindestens 4). "
        "Bitte legen Sie in einer Datei unter data/nlu/ einen Abschnitt „- intent: thank“ mit "
        "Beispielsätzen an oder löschen Sie die Absicht hier.",
    ]
    [only_thank] = check_example_counts(root, 3)
    assert only_thank.line == 5 and "Die Absicht thank hat keine Beispielsätze" in only_thank.message


def test_intents_must_be_in_the_domain(tmp_path):
    root = project(tmp_path, data__nlu__general_yml=NLU.replace("intent: greet", "intent: gret"),
                   data__rules__conversation_yml=RULES.replace("intent: goodbye", "intent: goodby"))
    assert lines(check_intents_known(root)) == [
        "data/nlu/general.yml:3: Fehler: Die Absicht gret steht in keiner Datei von domain/ unter intents. "
        "Meinten Sie „greet“ (domain/core.yml)? Bitte korrigieren Sie den Namen oder tragen Sie die Absicht "
        "in der Datei von domain/ zu ihrem Thema unter intents ein.",
        "data/rules/conversation.yml:9: Fehler: Die Regel „goodbye“ nutzt die Absicht goodby, die in keiner "
        "Datei von domain/ unter intents steht. Meinten Sie „goodbye“ (domain/core.yml)? Bitte korrigieren "
        "Sie den Namen.",
    ]


def test_every_intent_needs_a_rule_or_story(tmp_path):
    domain = DOMAIN.replace("  - goodbye\n", "  - goodbye\n  - thank\n")
    nlu = NLU + "- intent: thank\n  examples: |\n    - danke\n    - vielen dank\n    - merci\n"
    root = project(tmp_path, domain__core_yml=domain, data__nlu__general_yml=nlu)
    assert lines(check_intents_answered(root)) == [
        "domain/core.yml:5: Fehler: Die Absicht thank kommt in keiner Regel und keiner Geschichte vor: Der "
        "Assistent weiß nicht, was er darauf tun soll. Bitte ergänzen Sie eine Regel in data/rules/ mit "
        "„- intent: thank“ und der passenden Antwort („- action: …“)."]
    story = """\
        version: "3.1"
        stories:
          - story: thanks or goodbye
            steps:
              - or:
                  - intent: goodbye
                  - intent: thank
              - action: utter_goodbye
        """
    assert check_intents_answered(project(tmp_path, data__stories_yml=story)) == []


REVIEW = """\
version: "3.1"
nlu:
- intent: greet
  examples:
  # Aus den Gesprächen der Woche 49, von der Redaktion zugeordnet
  - text: |
      Tschüß!
    metadata:
      quelle: review
  - text: Moin
- intent: goodbye
  examples:
  - text: wo ist [Halle](location)
"""


def test_a_sentence_under_two_intents(tmp_path):
    nlu = NLU.replace("    - moin\n", "    - moin\n    - wo ist halle\n")
    root = project(tmp_path, data__nlu__general_yml=nlu, data__nlu__review_yml=REVIEW)
    assert lines(check_duplicate_examples(root)) == [
        "data/nlu/review.yml:10: Hinweis: Der Satz „Moin“ steht zweimal unter greet (auch "
        "data/nlu/general.yml:7). Bitte löschen Sie einen der beiden.",
        "data/nlu/review.yml:13: Fehler: Der Satz „wo ist Halle“ steht unter greet (data/nlu/general.yml:8) "
        "und unter goodbye. Bitte lassen Sie ihn nur unter einer Absicht stehen.",
        "data/nlu/review.yml:6: Fehler: Der Satz „Tschüß!“ steht unter goodbye (data/nlu/general.yml:11) "
        "und unter greet. Bitte lassen Sie ihn nur unter einer Absicht stehen.",
    ]


def test_a_sentence_too_close_to_one_of_another_intent(tmp_path):
    nlu = (NLU.replace("    - moin\n", "    - moin\n    - Hallo ihr Lieben, zusammen!\n")
           + "    - hallo ihr lieben zusammen tschau\n")
    root = project(tmp_path, data__nlu__general_yml=nlu)
    assert lines(check_similar_examples(root)) == [
        "data/nlu/general.yml:14: Warnung: Der Satz „hallo ihr lieben zusammen tschau“ (goodbye, "
        "data/nlu/general.yml:14) ist fast gleich wie „Hallo ihr Lieben, zusammen!“ (greet, "
        "data/nlu/general.yml:8): Ähnlichkeit 88 %. Bitte prüfen Sie, ob beide unter der richtigen Absicht "
        "stehen; sonst verschieben oder löschen Sie einen."]
    assert check_similar_examples(root, threshold=90) == []


ACTION = '''\
"""Says goodbye; dispatcher.utter_message is no response."""


def run(dispatcher, slot):
    dispatcher.utter_message(response="utter_missing")
    dispatcher.utter_message(response=f"utter_explain_{slot}")
    dispatcher.utter_message(response="utter_greet")
'''


def test_every_response_used_and_every_used_response_defined(tmp_path):
    domain = (DOMAIN.replace("      - location\n", "      - location\n      - topic\n")
              + "  utter_unused:\n    - text: \"Das sagt niemand.\"\n")
    root = project(tmp_path, domain__core_yml=domain, actions__farewell_py=ACTION,
                   data__rules__conversation_yml=RULES_TYPO)
    assert lines(check_responses(root)) == [
        "actions/farewell.py:5: Fehler: Der Programmcode nutzt die Antwort utter_missing, die in keiner "
        "Datei von domain/ unter responses steht. Bitte korrigieren Sie den Namen oder legen Sie die "
        "Antwort in der Datei von domain/ zu ihrem Thema an.",
        "actions/farewell.py:6: Fehler: Der Programmcode nutzt Antworten, deren Name mit utter_explain_ "
        "beginnt, aber keine Datei von domain/ hat eine solche Antwort. Bitte legen Sie sie unter responses "
        "an.",
        "data/rules/conversation.yml:10: Fehler: Die Regel „goodbye“ nutzt die Antwort utter_goodby, die in "
        "keiner Datei von domain/ unter responses steht. Meinten Sie „utter_goodbye“ (domain/core.yml)? "
        "Bitte korrigieren Sie den Namen oder legen Sie die Antwort in der Datei von domain/ zu ihrem "
        "Thema an.",
        "domain/core.yml:21: Fehler: Das Formular callback_form fragt nach topic, aber es gibt keine Frage "
        "dafür. Bitte legen Sie in domain/core.yml unter responses die Antwort utter_ask_topic mit der Frage "
        "an.",
        "domain/core.yml:28: Warnung: Die Antwort utter_goodbye wird nirgends verwendet (in keiner Regel, "
        "keiner Geschichte, keinem Formular und keiner Aktion). Bitte löschen Sie sie oder verwenden Sie sie "
        "in einer Regel.",
        "domain/core.yml:32: Warnung: Die Antwort utter_unused wird nirgends verwendet (in keiner Regel, "
        "keiner Geschichte, keinem Formular und keiner Aktion). Bitte löschen Sie sie oder verwenden Sie sie "
        "in einer Regel.",
    ]


def test_a_response_named_in_code_by_its_prefix_is_used(tmp_path):
    domain = DOMAIN + "  utter_explain_location:\n    - text: \"Damit ich Angebote in Ihrer Nähe finde.\"\n"
    root = project(tmp_path, domain__core_yml=domain, actions__explain_py='R = f"utter_explain_{slot}"\n')
    assert check_responses(root) == []


SYNONYMS = """\
# GENERATED by scripts/generate_nlu_data.py from knowledge/: edit that, then `make nlu-data`.
version: '3.1'
nlu:
- synonym: unemploy
  examples: |
    - arbeitslos
- synonym: employed
  examples: |
    - angestellt
"""


def test_synonyms_and_annotated_values_must_be_known(tmp_path):
    nlu = NLU.replace("    - moin\n", '    - ich bin aus [Hale](locaton)\n'
                      '    - [per Telefon]{"entity": "contact_channel", "value": "fone"} bitte\n'
                      '    - [per Mail]{"entity": "contact_channel", "value": "email"} bitte\n')
    root = project(tmp_path, data__nlu__synonyms_yml=SYNONYMS, data__nlu__general_yml=nlu)
    assert lines(check_synonyms(root)) == [
        "data/nlu/general.yml:7: Fehler: Die Markierung von „Hale“ nennt das Merkmal locaton, das in keiner "
        "Datei von domain/ unter entities steht. Meinten Sie „location“ (domain/core.yml)? Bitte korrigieren "
        "Sie den Namen.",
        "data/nlu/general.yml:8: Fehler: Die Markierung von „per Telefon“ gibt für contact_channel den Wert "
        "„fone“ an, den der Assistent nicht kennt. Bekannt sind die Werte aus domain/core.yml (email, "
        "phone). Meinten Sie „phone“? Bitte korrigieren Sie den Wert.",
        "data/nlu/synonyms.yml:4: Fehler: Das Synonym führt auf den Wert „unemploy“, den der Assistent nicht "
        "kennt. Bekannt sind die Werte aus knowledge/vocabulary.yml (employed, unemployed). Meinten Sie "
        "„unemployed“? Die Datei wird aus knowledge/vocabulary.yml erzeugt: Bitte korrigieren Sie den Wert "
        "dort und rufen Sie „make nlu-data“ auf.",
    ]


AGENCY = """\
website:
  value: "www.example.de"
  source: {title: "Zeitung", url: "http://www.example.de/artikel"}
partners:
  - url: "www.example.de/partner"
  - url: "https://www.example.de/mit leerzeichen"
  - url: "https:///ohne-rechner"
  - "https://de.wikipedia.org./wiki/Dessau"
  - "https://www.sachsen-anhalt.de/ok"
"""


def test_links_in_knowledge_are_well_formed_https(tmp_path):
    root = project(tmp_path, knowledge__agency_yml=AGENCY)
    example = "Bitte tragen Sie die vollständige Adresse ein, wie sie im Browser steht, z. B. " \
              "„https://www.arbeitsagentur.de/…“."
    assert lines(check_links(root)) == [
        "knowledge/agency.yml:3: Warnung: Der Link „http://www.example.de/artikel“ beginnt mit „http://“ "
        "statt „https://“. Bitte öffnen Sie die Seite mit „https://“ und tragen Sie diese Adresse ein, wenn "
        "sie dieselbe Seite zeigt.",
        f"knowledge/agency.yml:5: Fehler: Der Link „www.example.de/partner“ beginnt nicht mit „https://“. "
        f"{example}",
        "knowledge/agency.yml:6: Fehler: Der Link „https://www.example.de/mit leerzeichen“ enthält "
        "Leerzeichen oder Zeilenumbrüche. Bitte entfernen Sie sie (ein Leerzeichen innerhalb der Adresse "
        "schreiben Sie als %20).",
        f"knowledge/agency.yml:7: Fehler: Der Link „https:///ohne-rechner“ hat nach „https://“ keinen "
        f"gültigen Rechnernamen (wie „www.beispiel.de“). {example}",
        "knowledge/agency.yml:8: Warnung: Der Link „https://de.wikipedia.org./wiki/Dessau“ hat nach dem "
        "Rechnernamen „de.wikipedia.org.“ einen überzähligen Punkt. Bitte löschen Sie den Punkt vor dem „/“.",
    ]


def test_facts_with_an_old_stand_are_listed(tmp_path):
    # The real knowledge files (linked, so they are read once for all tests), an older programme.
    (tmp_path / "knowledge").mkdir()
    for source in (ROOT / "knowledge").iterdir():
        if source.name != "programmes.yml":
            (tmp_path / "knowledge" / source.name).symlink_to(source)
    path = tmp_path / "knowledge" / "programmes.yml"
    text = (ROOT / "knowledge" / "programmes.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    start = text.index("  - key: bildungsgutschein\n")
    line = next(i for i in range(start, len(text)) if text[i].startswith("    as_of: "))
    text[line] = '    as_of: "2019-05-01"\n'
    path.write_text("".join(text), encoding="utf-8")
    [finding] = [f for f in check_stand(tmp_path, 3650, date(2030, 1, 1)) if "bildungsgutschein" in f.message]
    assert (finding.level, finding.path, finding.line) == (NOTE, "knowledge/programmes.yml", line + 1)
    assert re.fullmatch(
        r"Stand 2019-05-01 ist älter als 3650 Tage \(bildungsgutschein: \d+ Angaben\)\. Bitte prüfen Sie an "
        r"der Quelle, ob das noch stimmt, korrigieren Sie es wenn nötig und tragen Sie bei as_of das Datum "
        r"Ihrer Prüfung ein\.", finding.message)
    def about_it(days: int | None, day: date) -> list[Finding]:
        return [f for f in check_stand(tmp_path, days, day) if "bildungsgutschein" in f.message]

    assert about_it(4000, date(2030, 1, 1)) == []
    [two_years] = about_it(None, date(2026, 12, 3))
    assert two_years.message.startswith("Stand 2019-05-01 ist älter als 2 Jahre (bildungsgutschein: ")


def test_the_command_lists_errors_first_and_fails_on_an_error(tmp_path, capsys):
    header = "# GENERATED by scripts/generate_intake_rules.py from knowledge/forms.yml: edit that file, " \
             "then `make rules`.\n"
    root = project(tmp_path, knowledge__agency_yml=AGENCY, data__rules__conversation_yml=header + RULES_TYPO)
    assert main(["check-data", "--project", str(root), "--min-examples", "3"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"\d+ Fehler:", out[0])
    assert out.index("3 Warnungen:") > out.index(
        "  data/rules/conversation.yml:11: Fehler: Die Regel „goodbye“ nutzt die Antwort utter_goodby, die "
        "in keiner Datei von domain/ unter responses steht. Meinten Sie „utter_goodbye“ (domain/core.yml)? "
        "Bitte korrigieren Sie den Namen oder legen Sie die Antwort in der Datei von domain/ zu ihrem Thema "
        "an. Diese Datei wird erzeugt: Bitte ändern Sie "
        "knowledge/forms.yml und rufen Sie dann „make rules“ auf.")
    assert re.fullmatch(r"Trainingsdaten und Wissensdateien geprüft: \d+ Fehler, 3 Warnungen \(davon 0 "
                        r"ähnliche Sätze ab 85 %\), 0 Hinweise \(Stand älter als 2 Jahre\)\.", out[-1])


@pytest.fixture(scope="module")
def real_results() -> dict[str, list[Finding]]:
    return run_checks(ROOT)


def test_the_project_itself_has_no_errors(real_results):
    findings = [f for found in real_results.values() for f in found]
    assert [str(f) for f in findings if f.level == ERROR] == []
    assert len(real_results["ähnliche Sätze"]) <= 10, "the default --similarity gives a readable number"


def test_the_project_passes_with_warnings_and_notes_only(real_results):
    out = io.StringIO()
    assert report(real_results, Options(), out) == 0
    assert out.getvalue().splitlines()[-1].startswith("Trainingsdaten und Wissensdateien geprüft: 0 Fehler, ")


TOPIC = """\
version: "3.1"
# The erasure.
intents:
  - delete_data
  - greet
responses:
  utter_erased:
    - text: "Gelöscht."
"""


def test_a_split_domain_names_each_finding_s_own_file(tmp_path):
    root = project(tmp_path, domain__privacy_yml=TOPIC)
    findings = lines(run_checks(root)["Namen der Domäne nur einmal"])
    assert findings == [
        "domain/privacy.yml:5: Fehler: Die Absicht greet steht schon in domain/core.yml:3 unter intents. "
        "Jeder Name gehört in genau eine Datei von domain/: Bitte löschen Sie ihn hier oder dort."]
    assert lines(check_intents_answered(root)) == [
        "domain/privacy.yml:4: Fehler: Die Absicht delete_data kommt in keiner Regel und keiner Geschichte "
        "vor: Der Assistent weiß nicht, was er darauf tun soll. Bitte ergänzen Sie eine Regel in data/rules/ "
        "mit „- intent: delete_data“ und der passenden Antwort („- action: …“)."]
    [unused] = [f for f in check_responses(root) if "utter_erased" in f.message]
    assert (unused.path, unused.line) == ("domain/privacy.yml", 7)


def test_a_domain_yml_beside_domain_is_an_error_and_no_domain_too(tmp_path):
    root = project(tmp_path, domain_yml=DOMAIN)
    assert lines(check_readable(root)) == [
        "domain.yml: Fehler: Diese Datei liest der Assistent nicht mehr: Die Domäne steht in den Dateien von "
        "domain/ (nach Themen, siehe docs/redaktion.md). Bitte übertragen Sie, was Sie hier eingetragen "
        "haben, in die passende Datei von domain/ und löschen Sie domain.yml."]
    (root / "domain" / "core.yml").unlink()
    (root / "domain.yml").unlink()
    [missing] = check_readable(root)
    assert (missing.path, missing.line) == ("domain/", None)
    assert missing.message.startswith(
        f"Im Projektverzeichnis {root} fehlen die Dateien der Domäne (domain/*.yml).")
