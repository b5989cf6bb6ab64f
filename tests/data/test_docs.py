"""The README stays short and the documentation stays connected:

- README.md is under 12,000 bytes (a newcomer reads it in five minutes; the rest is in docs/);
- every relative Markdown link in README.md and docs/*.md points to a file or folder that exists
  (web addresses, mail addresses and pure #anchors are not checked; an #anchor is cut off);
- the README links every page in docs/.

Links inside code (fenced blocks and `inline code`) are not links: the editors' guide shows
training examples such as `[Halle](location)` there.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
README_LIMIT_BYTES = 12_000

# [text](target) and ![alt](target), the target optionally in <...> and followed by a "title".
INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*(<[^>]*>|[^)\s]*)(?:\s+[\"'(][^)]*)?\)")
# [label]: target (a reference definition on a line of its own).
REFERENCE_LINK = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)", re.MULTILINE)
CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# http:, https:, mailto:, tel: ... everything with a scheme is outside this repository.
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


class Link(NamedTuple):
    source: Path
    line: int
    target: str


def markdown_files() -> list[Path]:
    return [README, *sorted(DOCS.glob("*.md"))]


def without_code(text: str) -> str:
    """The text with fenced code blocks and code spans blanked out, lines kept in place."""
    kept, fence = [], ""
    for line in text.split("\n"):
        opening = FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            kept.append("")
        elif opening:
            fence = opening.group(1)
            kept.append("")
        else:
            kept.append(line)
    return CODE_SPAN.sub(lambda match: "\n" * match.group(0).count("\n"), "\n".join(kept))


def links(path: Path) -> list[Link]:
    text = without_code(path.read_text(encoding="utf-8"))
    found = [*INLINE_LINK.finditer(text), *REFERENCE_LINK.finditer(text)]
    return [Link(path, text.count("\n", 0, match.start()) + 1, match.group(1).strip("<>"))
            for match in sorted(found, key=lambda match: match.start())]


def is_relative(target: str) -> bool:
    return bool(target) and not target.startswith("#") and not SCHEME.match(target)


def resolved(link: Link) -> Path:
    """The file or folder a relative link names, without its #anchor or ?query."""
    path = unquote(re.split(r"[#?]", link.target, maxsplit=1)[0])
    return (ROOT / path.lstrip("/")) if path.startswith("/") else (link.source.parent / path)


def test_readme_is_under_twelve_thousand_bytes() -> None:
    size = len(README.read_bytes())
    assert size < README_LIMIT_BYTES, (
        f"README.md hat {size} Bytes (Grenze {README_LIMIT_BYTES}): Einzelheiten gehören nach docs/")


@pytest.mark.parametrize("page", markdown_files(), ids=lambda page: str(page.relative_to(ROOT)))
def test_every_relative_link_points_to_something_that_exists(page: Path) -> None:
    broken = [f"{link.source.relative_to(ROOT)}:{link.line}: {link.target}"
              for link in links(page) if is_relative(link.target) and not resolved(link).exists()]
    assert not broken, "Links ins Leere:\n" + "\n".join(broken)


def test_readme_links_every_docs_page() -> None:
    linked = {resolved(link).resolve() for link in links(README) if is_relative(link.target)}
    missing = [str(page.relative_to(ROOT)) for page in sorted(DOCS.glob("*.md"))
               if page.resolve() not in linked]
    assert not missing, "README.md verlinkt diese Seiten nicht: " + ", ".join(missing)


def test_the_link_reader_skips_code_and_web_addresses(tmp_path: Path) -> None:
    """The checks above are only as good as the reader: code is no link, a title is no target."""
    page = tmp_path / "page.md"
    page.write_text(
        "See [the guide](guide.md#start \"Guide\") and ![a picture](img/a%20b.png).\n"
        "`[Halle](location)` is a training example, [web](https://example.org) and [top](#top) too.\n"
        "```yaml\n- ich suche einen [Excel](topic) Kurs\n```\n"
        "[ref]: ../other.md\n",
        encoding="utf-8")
    found = links(page)
    assert [(link.line, link.target) for link in found] == [
        (1, "guide.md#start"), (1, "img/a%20b.png"), (2, "https://example.org"), (2, "#top"),
        (6, "../other.md")]
    assert [is_relative(link.target) for link in found] == [True, True, False, False, True]
    assert resolved(found[1]) == tmp_path / "img" / "a b.png"
