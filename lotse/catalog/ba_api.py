"""Fetching courses from the Bundesagentur für Arbeit's course search API, page by page.

The BA offers no official API and asks that its search not be used for mass downloads
(domain-facts.md §3): this client is for targeted queries (one topic, one region), pauses
between pages and stops after `max_pages`. Host, path, key and page size are configuration
because the service moved before (KURSNET → mein NOW, 2024).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from lotse.catalog.ba_json import parse_page
from lotse.catalog.records import ParsedSource


class FetchFailed(RuntimeError):
    """A page could not be fetched even after the retries; nothing has been stored."""


@dataclass(frozen=True)
class ApiSettings:
    base_url: str
    api_key: str
    page_size: int = 20
    max_pages: int = 50
    timeout_s: float = 15.0
    retries: int = 4
    backoff_s: float = 1.0
    pause_s: float = 0.5
    params: dict[str, str] = field(default_factory=dict)


def _session(settings: ApiSettings) -> requests.Session:
    retry = Retry(total=settings.retries, backoff_factor=settings.backoff_s,
                  status_forcelist=(429, 500, 502, 503, 504), allowed_methods=frozenset({"GET"}),
                  respect_retry_after_header=True, raise_on_status=False)
    session = requests.Session()
    session.mount("http://", HTTPAdapter(max_retries=retry))
    session.mount("https://", HTTPAdapter(max_retries=retry))
    session.headers.update({"X-API-Key": settings.api_key, "Accept": "application/json",
                            "User-Agent": "Weiterbildungslotse (Weiterbildungsagentur Sachsen-Anhalt)"})
    return session


def pages(settings: ApiSettings) -> Iterator[tuple[str, dict[str, Any]]]:
    """(URL, JSON) of every page, following `page.totalPages`, at most `max_pages`."""
    with _session(settings) as session:
        number = 0
        while number < settings.max_pages:
            params = {**settings.params, "page": str(number), "size": str(settings.page_size)}
            try:
                response = session.get(settings.base_url, params=params, timeout=settings.timeout_s)
            except requests.RequestException as exc:
                raise FetchFailed(f"Seite {number} nicht erreichbar ({exc.__class__.__name__})") from exc
            if response.status_code != 200:
                raise FetchFailed(f"Seite {number}: HTTP {response.status_code} nach "
                                  f"{settings.retries} Wiederholungen")
            try:
                payload = response.json()
            except ValueError as exc:
                raise FetchFailed(f"Seite {number}: Antwort ist kein JSON") from exc
            yield response.url, payload
            total = int((payload.get("page") or {}).get("totalPages") or 0)
            number += 1
            if number >= total:
                return
            time.sleep(settings.pause_s)


def fetch(settings: ApiSettings) -> ParsedSource:
    """All pages parsed into one result. Raises FetchFailed before anything is stored."""
    parsed = ParsedSource()
    for url, payload in pages(settings):
        parsed.extend(parse_page(payload, url))
    return parsed
