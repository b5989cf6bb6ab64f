"""Check: every link in knowledge/*.yml (a `url` field or any text starting with "http") is a
well-formed https address: https://, a host name, no spaces.

A broken address (no https://, no host, spaces) is a Fehler. A plain "http://" address still
opens, and a source may exist only there, so it is a Warnung: someone should look whether the
page is served with https:// too. So is a host name ending in a dot ("wikipedia.org./wiki"),
which browsers accept but which is a copying slip.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from lotse.data_checks.findings import ERROR, WARNING, Finding, quoted
from lotse.data_checks.knowledge_files import KNOWLEDGE_DIR, knowledge_files
from lotse.data_checks.yaml_files import walk_strings

LABEL = r"[a-z0-9]([a-z0-9-]*[a-z0-9])?"
HOST = re.compile(rf"^{LABEL}(\.{LABEL})+\.?$", re.IGNORECASE)
FIX = ("Bitte tragen Sie die vollständige Adresse ein, wie sie im Browser steht, "
       "z. B. „https://www.arbeitsagentur.de/…“")


def link_problem(url: str) -> tuple[str, str] | None:
    """(level, what is wrong and what to do, in German) for a malformed link, else None."""
    if re.search(r"\s", url):
        return ERROR, ("enthält Leerzeichen oder Zeilenumbrüche. Bitte entfernen Sie sie (ein "
                       "Leerzeichen innerhalb der Adresse schreiben Sie als %20)")
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return ERROR, f"ist keine gültige Adresse. {FIX}"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return ERROR, f"beginnt nicht mit „https://“. {FIX}"
    if not HOST.match(host):
        return ERROR, f"hat nach „{scheme}://“ keinen gültigen Rechnernamen (wie „www.beispiel.de“). {FIX}"
    if scheme == "http":
        return WARNING, ("beginnt mit „http://“ statt „https://“. Bitte öffnen Sie die Seite mit "
                         "„https://“ und tragen Sie diese Adresse ein, wenn sie dieselbe Seite zeigt")
    if host.endswith("."):
        return WARNING, (f"hat nach dem Rechnernamen „{host}“ einen überzähligen Punkt. Bitte "
                         "löschen Sie den Punkt vor dem „/“")
    return None


def check_links(project: Path) -> list[Finding]:
    findings = []
    for name, tree in knowledge_files(project).trees.items():
        for key, text, line in walk_strings(tree):
            if key == "url" or text.lstrip().lower().startswith("http"):
                problem = link_problem(text)
                if problem:
                    level, what = problem
                    findings.append(Finding(level, f"{KNOWLEDGE_DIR}/{name}.yml", line,
                                            f"Der Link {quoted(text)} {what}."))
    return findings
