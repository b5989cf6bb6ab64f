"""How a case reaches staff: an e-mail over SMTP, or a JSON webhook.

Both raise `DeliveryFailed` with a short reason that names no personal data; the outbox
stores it for staff to see.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any, Protocol

import requests

from lotse.handover.models import HandoverCase, OutboxMessage


class DeliveryFailed(RuntimeError):
    pass


def payload(case: HandoverCase) -> dict[str, Any]:
    """What staff receive about a case (the console shows the rest)."""
    return {"reference": case.reference, "created_at": case.created_at.isoformat(), "region": case.region,
            "reason": case.reason, "summary": case.summary}


class Transport(Protocol):
    def send(self, message: OutboxMessage, case: HandoverCase) -> None: ...


@dataclass(frozen=True)
class SmtpTransport:
    host: str
    port: int
    sender: str
    username: str = ""
    password: str = ""
    starttls: bool = False
    timeout_s: float = 15.0

    def send(self, message: OutboxMessage, case: HandoverCase) -> None:
        mail = EmailMessage()
        mail["From"], mail["To"] = self.sender, message.target
        mail["Subject"] = f"Neuer Fall {case.reference} ({case.region or 'Region unbekannt'})"
        mail["Message-ID"] = f"<{message.key}@weiterbildungslotse>"
        mail.set_content(email_text(case))
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout_s) as smtp:
                if self.starttls:
                    smtp.starttls()
                if self.username:
                    smtp.login(self.username, self.password)
                smtp.send_message(mail)
        except (OSError, smtplib.SMTPException) as error:
            raise DeliveryFailed(f"SMTP: {error.__class__.__name__}") from error


def email_text(case: HandoverCase) -> str:
    data = payload(case)
    return (f"Fall {data['reference']} vom {case.created_at:%d.%m.%Y %H:%M} Uhr\n"
            f"Region: {data['region'] or 'unbekannt'}\nAnlass: {data['reason']}\n\n{data['summary']}\n")


@dataclass(frozen=True)
class WebhookTransport:
    timeout_s: float = 10.0

    def send(self, message: OutboxMessage, case: HandoverCase) -> None:
        try:
            response = requests.post(message.target, json=payload(case), timeout=self.timeout_s,
                                     headers={"Idempotency-Key": message.key})
        except requests.RequestException as error:
            raise DeliveryFailed(f"Webhook: {error.__class__.__name__}") from error
        if not 200 <= response.status_code < 300:
            raise DeliveryFailed(f"Webhook: HTTP {response.status_code}")
