"""The background worker: `python -m lotse.worker` (a process of `make run`).

Delivers the outbox, carries out erasure requests a few seconds after the visitor asked,
and runs the retention job every PURGE_INTERVAL_MINUTES. Logs counts only: no reference,
address or text of a case reaches the log.

The worker does not die of a bad message or a passing database error: each job of a round
runs on its own, a job that raises is logged with the exception's type and place (never its
text, which may quote personal data) and tried again next round, after a pause that grows
while the errors go on. Under `make run` (honcho) a process that exits anyway is named in the
console and the others are stopped with it, so a crash is never silent.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from lotse.config import Settings, get_settings
from lotse.db import session_scope
from lotse.figures.aggregate import count_figures
from lotse.handover.cases import EMAIL, WEBHOOK
from lotse.handover.outbox import deliver_due
from lotse.handover.transports import CaseLetter, SmtpTransport, Transport, WebhookTransport
from lotse.privacy.conversations import tracker_engine
from lotse.privacy.erasure import run_due_deletions
from lotse.privacy.retention import RetentionPolicy, purge
from lotse.schema import init_db

log = logging.getLogger("lotse.worker")


def transports(settings: Settings) -> dict[str, Transport]:
    letter = CaseLetter(settings.staff_console_url, settings.handover_send_contact)
    out: dict[str, Transport] = {WEBHOOK: WebhookTransport(letter=letter)}
    if settings.smtp_host:
        out[EMAIL] = SmtpTransport(settings.smtp_host, settings.smtp_port, settings.smtp_sender,
                                   settings.smtp_user, settings.smtp_password, settings.smtp_starttls,
                                   letter=letter)
    return out


# The longest pause between rounds while errors go on.
MAX_PAUSE_S = 60.0
PROJECT = Path(__file__).resolve().parent  # the lotse package
PURGE_JOB = "Aufbewahrungsfristen"


def where(error: BaseException) -> str:
    """Where an exception was raised (file and line, and the last place in this project when
    that was in a library): enough to find it, nothing personal."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return "?"
    place = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}"
    ours = [frame for frame in frames if PROJECT in Path(frame.filename).parents]
    if ours and ours[-1] is not frames[-1]:
        place += f" über {Path(ours[-1].filename).name}:{ours[-1].lineno}"
    return place


def run_job(name: str, job: Callable[[], None]) -> bool:
    """Run one job of a round; False (and a log line without personal data) when it raised."""
    try:
        job()
    except Exception as error:  # whatever it is, the worker goes on with the next job and round
        log.warning("%s fehlgeschlagen (%s in %s); neuer Versuch in der nächsten Runde",
                    name, error.__class__.__name__, where(error))
        return False
    return True


def deliver(ways: dict[str, Transport]) -> None:
    report = deliver_due(ways)
    if report.delivered or report.failed or report.given_up:
        log.info("Zustellung: %d zugestellt, %d fehlgeschlagen (neuer Versuch später), "
                 "%d aufgegeben (im Mitarbeiterbereich sichtbar)",
                 report.delivered, report.failed, report.given_up)


def erase_due(settings: Settings) -> None:
    with session_scope() as session:
        erased = run_due_deletions(session, tracker_engine(settings.tracker_db_url))
    if erased:
        log.info("Auf Wunsch gelöscht: %d Gespräche", erased)


def purge_old(settings: Settings) -> None:
    policy = RetentionPolicy.from_settings(settings)
    with session_scope() as session:
        report = purge(session, tracker_engine(settings.tracker_db_url), policy)
    log.info(report.text())


def run_once(settings: Settings, ways: dict[str, Transport], purge_now: bool) -> list[str]:
    """One round: every job runs even when another one failed. Never raises (but for
    KeyboardInterrupt and the like); returns the names of the jobs that failed."""
    jobs: list[tuple[str, Callable[[], None]]] = [
        ("Zustellung", lambda: deliver(ways)), ("Löschaufträge", lambda: erase_due(settings))]
    if purge_now:  # the figures count conversations before retention deletes them
        jobs.append(("Zahlen", lambda: count_figures(settings)))
        jobs.append((PURGE_JOB, lambda: purge_old(settings)))
    return [name for name, job in jobs if not run_job(name, job)]


def pause(interval_s: float, failed_rounds: int) -> float:
    """The usual interval; while rounds keep failing, doubling up to MAX_PAUSE_S."""
    if not failed_rounds:
        return interval_s
    return max(interval_s, min(MAX_PAUSE_S, max(interval_s, 1.0) * 2 ** min(failed_rounds - 1, 10)))


def main() -> None:
    settings = get_settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(name)s %(message)s")
    init_db()
    ways = transports(settings)
    next_purge, failed_rounds = time.monotonic(), 0
    while True:
        purge_now = time.monotonic() >= next_purge
        failed = run_once(settings, ways, purge_now)
        if purge_now and PURGE_JOB not in failed:
            next_purge = time.monotonic() + settings.purge_interval_minutes * 60
        failed_rounds = failed_rounds + 1 if failed else 0
        wait = pause(settings.outbox_interval_s, failed_rounds)
        if failed:
            log.warning("Runde mit Fehlern (%d in Folge); weiter in %.0f s", failed_rounds, wait)
        time.sleep(wait)


if __name__ == "__main__":
    main()
