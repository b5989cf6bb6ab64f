"""The background worker: `python -m lotse.handover.worker` (a process of `make run`).

Delivers the outbox, carries out erasure requests a few seconds after the visitor asked,
and runs the retention job every PURGE_INTERVAL_MINUTES. Logs counts only: no reference,
address or text of a case reaches the log.
"""

from __future__ import annotations

import logging
import time

from sqlalchemy.exc import SQLAlchemyError

from lotse.config import Settings, get_settings
from lotse.db import init_db, session_scope
from lotse.handover.cases import EMAIL, WEBHOOK
from lotse.handover.outbox import deliver_due
from lotse.handover.transports import CaseLetter, SmtpTransport, Transport, WebhookTransport
from lotse.privacy.conversations import tracker_engine
from lotse.privacy.erasure import run_due_deletions
from lotse.privacy.retention import RetentionPolicy, purge

log = logging.getLogger("lotse.worker")


def transports(settings: Settings) -> dict[str, Transport]:
    letter = CaseLetter(settings.staff_console_url, settings.handover_send_contact)
    out: dict[str, Transport] = {WEBHOOK: WebhookTransport(letter=letter)}
    if settings.smtp_host:
        out[EMAIL] = SmtpTransport(settings.smtp_host, settings.smtp_port, settings.smtp_sender,
                                   settings.smtp_user, settings.smtp_password, settings.smtp_starttls,
                                   letter=letter)
    return out


def retention_policy(settings: Settings) -> RetentionPolicy:
    return RetentionPolicy(settings.case_retention_days, settings.open_case_retention_days,
                           settings.conversation_retention_days)


def run_once(settings: Settings, ways: dict[str, Transport], purge_now: bool) -> None:
    report = deliver_due(ways)
    if report.delivered or report.failed:
        log.info("Zustellung: %d zugestellt, %d fehlgeschlagen (neuer Versuch später)",
                 report.delivered, report.failed)
    tracker = tracker_engine(settings.tracker_db_url)
    with session_scope() as session:
        erased = run_due_deletions(session, tracker)
    if erased:
        log.info("Auf Wunsch gelöscht: %d Gespräche", erased)
    if purge_now:
        with session_scope() as session:
            log.info(purge(session, tracker, retention_policy(settings)).text())


def main() -> None:
    settings = get_settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(name)s %(message)s")
    init_db()
    ways = transports(settings)
    next_purge = time.monotonic()
    while True:
        purge_now = time.monotonic() >= next_purge
        try:
            run_once(settings, ways, purge_now)
        except SQLAlchemyError as error:
            log.warning("Datenbank nicht erreichbar (%s); neuer Versuch gleich", error.__class__.__name__)
        if purge_now:
            next_purge = time.monotonic() + settings.purge_interval_minutes * 60
        time.sleep(settings.outbox_interval_s)


if __name__ == "__main__":
    main()
