"""`make validate` (lotse.data_checks): each check on a small broken project written into
tmp_path, with the German message the editors get (file, line, wording), and the real project,
which must have no Fehler."""

from __future__ import annotations

import shutil

import pytest

from lotse.data_checks.examples import check_duplicate_examples
from lotse.data_checks.findings import ERROR
from lotse.data_checks.intents import check_example_counts, check_intents_answered, check_intents_known
from lotse.data_checks.knowledge_files import check_knowledge_schemas
from lotse.data_checks.links import check_links
from lotse.data_checks.responses import check_responses
from lotse.data_checks.runner import check_readable
from lotse.data_checks.schema_messages import german
from lotse.data_checks.similarity import check_similar_examples
from lotse.data_checks.synonyms import check_synonyms
from tests.data.data_check_project import DOMAIN, NLU, ROOT, RULES, lines, project


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
