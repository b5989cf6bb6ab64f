"""The outbox worker: `python -m lotse.handover.worker` (a process of `make run`).

Logs counts only: no reference, address or text of a case reaches the log.
"""

from __future__ import annotations

import logging
import time

from lotse.config import Settings, get_settings
from lotse.db import init_db
from lotse.handover.cases import EMAIL, WEBHOOK, Routing
from lotse.handover.outbox import deliver_due
from lotse.handover.transports import SmtpTransport, Transport, WebhookTransport

log = logging.getLogger("lotse.outbox")


def transports(settings: Settings) -> dict[str, Transport]:
    out: dict[str, Transport] = {WEBHOOK: WebhookTransport()}
    if settings.smtp_host:
        out[EMAIL] = SmtpTransport(settings.smtp_host, settings.smtp_port, settings.smtp_sender,
                                   settings.smtp_user, settings.smtp_password, settings.smtp_starttls)
    return out


def routing(settings: Settings) -> Routing:
    return Routing(settings.handover_email, settings.handover_email_by_region, settings.handover_webhooks)


def main() -> None:
    settings = get_settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(name)s %(message)s")
    init_db()
    ways = transports(settings)
    while True:
        report = deliver_due(ways)
        if report.delivered or report.failed:
            log.info("Zustellung: %d zugestellt, %d fehlgeschlagen (neuer Versuch später)",
                     report.delivered, report.failed)
        time.sleep(settings.outbox_interval_s)


if __name__ == "__main__":
    main()
