"""Importers: CSV and BA JSON, re-import, update, withdrawal, bad rows, failing API pages,
interrupted imports. Each test runs on SQLite and PostgreSQL (conftest.py)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import Engine, func, select

from lotse.catalog.ba_api import ApiSettings, FetchFailed
from lotse.catalog.csv_import import ImportFileError
from lotse.catalog.importer import import_ba_api, import_ba_files, import_csv
from lotse.catalog.models import Course
from lotse.db import session_scope
from tests.lotse.catalog.ba_pages import now_offer, now_page, termin, termine_page

HEADER = ("kurs_id;titel;beschreibung;thema;anbieter;ort;plz;lernform;unterrichtszeit;termine;"
          "stunden;wochen;kosten_eur;azav;link")
ROWS = [
    "A1;Altenpflegehelfer/in;Basiskurs Pflege;Pflege;Pflegeschule Muster;Halle (Saale);06108;Präsenz;"
    "Vollzeit|Teilzeit;01.03.2027|01.09.2027;480;16;3.200,00;ja;https://example.org/a1",
    "A2;Excel Grundlagen;Tabellen;Office;PC-Schule;Magdeburg;39104;Präsenz;Teilzeit;jederzeit;24;2;390;nein;",
    "A3;Python für Einsteiger;Programmieren;IT;PC-Schule;;;Online;berufsbegleitend;15.02.2027;60;6;;nein;",
]


def write_csv(path: Path, rows: list[str], header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def courses(engine: Engine) -> dict[str, Course]:
    with session_scope(engine) as session:
        return {c.source_id: c for c in session.scalars(select(Course))}


def test_csv_import_stores_every_column(catalog_engine: Engine, tmp_path: Path) -> None:
    summary = import_csv(write_csv(tmp_path / "k.csv", ROWS), bind=catalog_engine)
    assert (summary.added, summary.updated, summary.unchanged, summary.rejected) == (3, 0, 0, [])
    stored = courses(catalog_engine)
    nursing = stored["A1"]
    assert nursing.title == "Altenpflegehelfer/in" and nursing.provider.name == "Pflegeschule Muster"
    assert nursing.district_key == "halle" and round(nursing.lat, 1) == 51.5
    assert nursing.schedule_list == ["full_time", "part_time"] and nursing.delivery == "in_person"
    assert nursing.cost_eur == 3200.0 and nursing.azav and nursing.hours == 480 and nursing.weeks == 16
    assert [d.isoformat() for d in nursing.start_date_list] == ["2027-03-01", "2027-09-01"]
    assert stored["A2"].starts_anytime and stored["A2"].district_key == "magdeburg"
    assert stored["A3"].delivery == "online" and stored["A3"].lat is None and stored["A3"].cost_eur is None


def test_reimport_changes_nothing_and_update_is_applied(catalog_engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "k.csv", ROWS)
    import_csv(path, bind=catalog_engine)
    before = {k: (c.changed_at, c.id) for k, c in courses(catalog_engine).items()}
    again = import_csv(path, bind=catalog_engine)
    assert (again.added, again.updated, again.unchanged, again.withdrawn) == (0, 0, 3, 0)
    assert {k: (c.changed_at, c.id) for k, c in courses(catalog_engine).items()} == before
    changed = [ROWS[0].replace("3.200,00", "2.900,00"), *ROWS[1:]]
    update = import_csv(write_csv(path, changed), bind=catalog_engine)
    assert (update.added, update.updated, update.unchanged) == (0, 1, 2)
    stored = courses(catalog_engine)
    assert stored["A1"].cost_eur == 2900.0 and stored["A1"].id == before["A1"][1]


def test_missing_course_is_withdrawn_and_restored(catalog_engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "k.csv", ROWS)
    import_csv(path, bind=catalog_engine)
    summary = import_csv(write_csv(path, ROWS[:2]), bind=catalog_engine)
    assert summary.withdrawn == 1
    assert courses(catalog_engine)["A3"].withdrawn_at is not None
    partial = import_csv(write_csv(path, ROWS[:1]), complete=False, bind=catalog_engine)
    assert partial.withdrawn == 0 and courses(catalog_engine)["A2"].withdrawn_at is None
    back = import_csv(write_csv(path, ROWS), bind=catalog_engine)
    assert back.updated == 1 and courses(catalog_engine)["A3"].withdrawn_at is None


def test_bad_rows_are_rejected_with_line_and_reason_good_rows_imported(catalog_engine: Engine,
                                                                       tmp_path: Path) -> None:
    bad = [
        ROWS[0],
        "B1;;Ohne Titel;;Schule;Halle (Saale);06108;Präsenz;Vollzeit;;;;;ja;",
        "B2;Kurs in Atlantis;x;;Schule;Atlantis;;Präsenz;Vollzeit;;;;;ja;",
        "B3;Falsche Form;x;;Schule;Halle (Saale);06108;Fernsehen;Vollzeit;;;;;ja;",
        "B4;Falsches Datum;x;;Schule;Halle (Saale);06108;Präsenz;Vollzeit;31.02.2027;;;;ja;",
        "B5;Negativer Preis;x;;Schule;Halle (Saale);06108;Präsenz;Vollzeit;;;;-5;ja;",
        "A1;Doppelt;x;;Schule;Halle (Saale);06108;Präsenz;Vollzeit;;;;;ja;",
        "B6;Zu viele;x;;Schule;Halle (Saale);06108;Präsenz;Vollzeit;;;;;ja;;extra",
        ROWS[1],
    ]
    summary = import_csv(write_csv(tmp_path / "bad.csv", bad), bind=catalog_engine)
    assert summary.added == 2
    reasons = {e.line: e.reason for e in summary.rejected}
    assert set(reasons) == {3, 4, 5, 6, 7, 8, 9}
    assert "Titel fehlt" in reasons[3]
    assert "Atlantis" in reasons[4]
    assert "Lernform" in reasons[5]
    assert "Datum" in reasons[6]
    assert "negativ" in reasons[7]
    assert "doppelt" in reasons[8]
    assert "mehr Felder" in reasons[9]
    assert all(str(e).startswith(f"{tmp_path / 'bad.csv'}, Zeile ") for e in summary.rejected)


def test_a_rejected_row_does_not_withdraw_its_course(catalog_engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "k.csv", ROWS)
    import_csv(path, bind=catalog_engine)
    broken = [ROWS[0], ROWS[1].replace(";Präsenz;", ";Fernsehen;"), ROWS[2]]
    summary = import_csv(write_csv(path, broken), bind=catalog_engine)
    assert summary.withdrawn == 0 and len(summary.rejected) == 1
    assert courses(catalog_engine)["A2"].withdrawn_at is None


def test_file_without_required_columns_is_refused(catalog_engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "k.csv", ["1;Titel"], header="kurs_id;titl")
    with pytest.raises(ImportFileError, match=r"Zeile 1: Spalten fehlen: titel, anbieter, lernform"):
        import_csv(path, bind=catalog_engine)


def test_comma_separated_file_with_bom_is_read(catalog_engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text("\ufeffkurs_id,titel,anbieter,lernform,ort\nC1,Excel,Schule,Online,\n", encoding="utf-8")
    assert import_csv(path, bind=catalog_engine).added == 1


def test_interrupted_import_leaves_the_database_unchanged(catalog_engine: Engine, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_csv(tmp_path / "k.csv", ROWS)
    import_csv(path, bind=catalog_engine)
    before = {k: (c.title, c.cost_eur, c.withdrawn_at) for k, c in courses(catalog_engine).items()}
    import lotse.catalog.store as store

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "_withdraw_missing", crash)
    changed = [ROWS[0].replace("3.200,00", "1,00"), "N1;Neu;x;;Schule;;;Online;;;;;;nein;"]
    with pytest.raises(KeyboardInterrupt):
        import_csv(write_csv(path, changed), bind=catalog_engine)
    assert {k: (c.title, c.cost_eur, c.withdrawn_at) for k, c in courses(catalog_engine).items()} == before


def test_ba_json_termine_are_grouped_by_offer_and_place(catalog_engine: Engine, tmp_path: Path) -> None:
    page = termine_page([
        termin(1, 100, "Pflegehelfer/in", "Halle (Saale)", "06108", 51.4825, 11.9705, begin="2027-02-01"),
        termin(2, 100, "Pflegehelfer/in", "Halle (Saale)", "06108", 51.4825, 11.9705, begin="2027-05-03"),
        termin(3, 101, "Hygieneschulung", "Magdeburg", "39104", 52.1205, 11.6276, cost="0.0",
               individuellerEinstieg=True, begin=None),
    ])
    path = tmp_path / "page0.json"
    path.write_text(json.dumps(page), encoding="utf-8")
    summary = import_ba_files([path], bind=catalog_engine)
    assert (summary.added, summary.rejected) == (2, [])
    stored = courses(catalog_engine)
    nursing = stored["100@4006108"]
    assert [d.isoformat() for d in nursing.start_date_list] == ["2027-02-01", "2027-05-03"]
    assert nursing.description == "Inhalte Grundlagen & Praxis. Mit Prüfung."
    assert nursing.azav and nursing.cost_eur == 1450.0 and nursing.schedule_list == ["part_time"]
    assert nursing.district_key == "halle" and nursing.provider.name == "Beispiel-Bildung GmbH"
    hygiene = stored["101@4039104"]
    assert hygiene.starts_anytime and hygiene.cost_eur is None  # "0.0" is not "free"


def test_ba_json_of_mein_now_and_bad_entries(catalog_engine: Engine, tmp_path: Path) -> None:
    page = now_page([now_offer(7, "Staplerschein", "Stendal", "39576"),
                     now_offer(8, "Online-Excel", "", "", form="Virtuelles Klassenzimmer"),
                     {"id": 9, "titel": "Kaputt", "termine": [{"unterrichtsform": {"bezeichnung": "Tanz"}}]}])
    path = tmp_path / "now.json"
    path.write_text(json.dumps(page), encoding="utf-8")
    summary = import_ba_files([path], bind=catalog_engine)
    assert summary.added == 2
    assert [(e.line, e.unit) for e in summary.rejected] == [(3, "Eintrag")]
    stored = courses(catalog_engine)
    assert stored["7@stendal"].district_key == "stendal" and len(stored["7@stendal"].start_date_list) == 2
    assert stored["8@online"].delivery == "online"


def test_broken_json_file_names_the_line(catalog_engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "_embedded": [\n', encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"broken.json, Zeile 3"):
        import_ba_files([path], bind=catalog_engine)


class FixtureApi:
    """A local HTTP server that serves pages, fails some requests, and records them."""

    def __init__(self, pages: list[dict], failures: dict[int, int]) -> None:
        self.pages, self.failures, self.requests = pages, dict(failures), []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                query = parse_qs(urlparse(self.path).query)
                api.requests.append((query, self.headers.get("X-API-Key")))
                number = int(query["page"][0])
                if api.failures.get(number, 0) > 0:
                    api.failures[number] -= 1
                    self.send_response(503)
                    self.end_headers()
                    return
                body = json.dumps(api.pages[number]).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/pc/v1/bildungsangebot"

    def settings(self, **changes) -> ApiSettings:
        return ApiSettings(base_url=self.url, api_key="test-key", retries=3, backoff_s=0.01,
                           pause_s=0, timeout_s=5, params={"sw": "Pflege"}, **changes)


@pytest.fixture
def api_pages() -> list[dict]:
    return [termine_page([termin(10 + n, 200 + n, f"Kurs {n}", "Halle (Saale)", "06108", 51.48, 11.97)],
                         number=n, total_pages=3) for n in range(3)]


@pytest.fixture
def fixture_api(request: pytest.FixtureRequest, api_pages: list[dict]) -> Iterator[FixtureApi]:
    api = FixtureApi(api_pages, getattr(request, "param", {}))
    api.thread.start()
    yield api
    api.server.shutdown()


@pytest.mark.parametrize("fixture_api", [{1: 2}], indirect=True)
def test_api_pages_are_followed_and_a_failing_page_is_retried(catalog_engine: Engine,
                                                             fixture_api: FixtureApi) -> None:
    summary = import_ba_api(fixture_api.settings(), bind=catalog_engine)
    assert summary.added == 3
    pages = [int(q["page"][0]) for q, _ in fixture_api.requests]
    assert pages == [0, 1, 1, 1, 2]
    assert all(key == "test-key" and q["sw"] == ["Pflege"] and q["size"] == ["20"]
               for q, key in fixture_api.requests)


@pytest.mark.parametrize("fixture_api", [{2: 99}], indirect=True)
def test_api_page_failing_for_good_stores_nothing(catalog_engine: Engine, fixture_api: FixtureApi) -> None:
    with pytest.raises(FetchFailed, match="Seite 2"):
        import_ba_api(fixture_api.settings(), bind=catalog_engine)
    with session_scope(catalog_engine) as session:
        assert session.scalar(select(func.count()).select_from(Course)) == 0


def test_api_down_is_reported(catalog_engine: Engine) -> None:
    settings = ApiSettings(base_url="http://127.0.0.1:9/none", api_key="k", retries=1, backoff_s=0.01,
                           pause_s=0, timeout_s=1)
    with pytest.raises(FetchFailed, match="nicht erreichbar"):
        import_ba_api(settings, bind=catalog_engine)


@pytest.mark.parametrize("fixture_api", [{}], indirect=True)
def test_api_stops_after_max_pages(catalog_engine: Engine, fixture_api: FixtureApi) -> None:
    assert import_ba_api(fixture_api.settings(max_pages=2), bind=catalog_engine).added == 2
