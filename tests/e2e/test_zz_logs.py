"""Runs after the other end-to-end tests (file order): no process failed on the way, even
where the visitor still got an answer."""

from __future__ import annotations

from pathlib import Path


def test_no_process_logged_a_traceback(servers):
    for log in sorted(Path(servers["workdir"]).glob("*.log")):
        text = log.read_text(errors="replace")
        assert "Traceback (most recent call last)" not in text, f"{log.name}:\n{text[-3000:]}"
