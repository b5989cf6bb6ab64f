"""How a case reaches staff: an e-mail over SMTP, or a JSON webhook.

Both raise `DeliveryFailed` with a short reason that names no personal data when the target
cannot be reached (the outbox tries again later), and `headers.Undeliverable` when the message
itself is malformed, e.g. a line break in a value meant for a header (the outbox gives it up).
Both reasons are stored for staff to see.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any, Protocol

import requests

from lotse.clock import local_text
from lotse.handover import headers
from lotse.handover.models import HandoverCase, OutboxMessage
from lotse.knowledge import knowledge
from lotse.redaction import redact_text


class DeliveryFailed(RuntimeError):
    """The target is unreachable or refused for now: worth another attempt later."""


@dataclass(frozen=True)
class CaseLetter:
    """What a notification says about a case. Contact details only when the agency chose
    so (HANDOVER_SEND_CONTACT); otherwise staff open the case in the console by its link."""

    console_url: str = ""
    include_contact: bool = False

    def payload(self, case: HandoverCase) -> dict[str, Any]:
        data: dict[str, Any] = {
            "reference": case.reference, "created_at": case.created_at.isoformat(),
            "region": case.region, "team": case.team, "reason": case.reason, "channel": case.channel,
            "preferred_time": self.preferred_time(case), "summary": case.summary,
            "suggestions": list(case.suggestions or []), "link": self.link(case)}
        if self.include_contact:
            data.update(phone=case.contact_phone, email=case.contact_email, name=case.contact_name)
        return data

    def preferred_time(self, case: HandoverCase) -> str | None:
        """Free text ("ab 16 Uhr, sonst 0171 …"): without contact details only redacted."""
        if case.preferred_time is None or self.include_contact:
            return case.preferred_time
        return redact_text(case.preferred_time)

    def link(self, case: HandoverCase) -> str | None:
        return f"{self.console_url.rstrip('/')}/staff/cases/{case.reference}" if self.console_url else None

    def text(self, case: HandoverCase) -> str:
        data = self.payload(case)
        labels = knowledge().handover.data["staff"]
        way = labels["channels"].get(case.channel or "", "-")
        lines = [f"Fall {data['reference']} vom {local_text(case.created_at)}",
                 f"Region: {data['region'] or 'unbekannt'} ({data['team'] or 'Team unbekannt'})",
                 f"Anlass: {labels['reasons'].get(case.reason, case.reason)}", f"Gewünscht: {way}"]
        if case.preferred_time:
            lines.append(f"Wunschzeit: {data['preferred_time']}")
        if self.include_contact:
            lines += [f"{label}: {data[key]}" for key, label in
                      (("name", "Name"), ("phone", "Telefon"), ("email", "E-Mail")) if data[key]]
        lines += ["", data["summary"]]
        if data["suggestions"]:
            lines += ["", "Bereits vorgeschlagen:", *(f"- {line}" for line in data["suggestions"])]
        lines += ["", f"Im Mitarbeiterbereich: {data['link']}" if data["link"] else
                  "Den ganzen Fall mit Verlauf und Kontakt sehen Sie im Mitarbeiterbereich."]
        return "\n".join(lines) + "\n"


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
    letter: CaseLetter = CaseLetter()

    def mail(self, message: OutboxMessage, case: HandoverCase) -> EmailMessage:
        """The whole e-mail, checked and serialised once: a malformed one raises
        `Undeliverable` (or the email package's ValueError) before any connection is made."""
        mail = EmailMessage()
        mail["From"] = headers.header_text(self.sender, "Absender")
        mail["To"] = headers.address(message.target)
        reference = headers.header_text(case.reference, "Referenz")
        region = headers.header_text(case.region or "Region unbekannt", "Region")
        mail["Subject"] = f"Neuer Fall {reference} ({region})"
        mail["Message-ID"] = f"<{headers.message_key(message.key)}@weiterbildungslotse>"
        mail.set_content(self.letter.text(case))
        mail.as_bytes()
        return mail

    def send(self, message: OutboxMessage, case: HandoverCase) -> None:
        mail = self.mail(message, case)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout_s) as smtp:
                if self.starttls:
                    smtp.starttls()
                if self.username:
                    smtp.login(self.username, self.password)
                smtp.send_message(mail)
        except (OSError, smtplib.SMTPException, UnicodeError) as error:
            # UnicodeError here is the server's or the login's (the mail was serialised above).
            raise DeliveryFailed(f"SMTP: {error.__class__.__name__}") from error


@dataclass(frozen=True)
class WebhookTransport:
    timeout_s: float = 10.0
    letter: CaseLetter = CaseLetter()

    def send(self, message: OutboxMessage, case: HandoverCase) -> None:
        url, key = headers.webhook_url(message.target), headers.message_key(message.key)
        body = self.letter.payload(case)
        try:
            response = requests.post(url, json=body, timeout=self.timeout_s, headers={"Idempotency-Key": key})
        except requests.RequestException as error:
            raise DeliveryFailed(f"Webhook: {error.__class__.__name__}") from error
        if not 200 <= response.status_code < 300:
            raise DeliveryFailed(f"Webhook: HTTP {response.status_code}")
