"""When the model the assistant runs was trained: Rasa writes it into the model archive
(metadata.json, `trained_at`, UTC)."""

from __future__ import annotations

import json
import tarfile
from datetime import datetime, timezone
from pathlib import Path

METADATA = "metadata.json"


def trained_at(model: Path) -> datetime | None:
    """The training time of the model archive, or None when there is no readable model."""
    try:
        with tarfile.open(model, "r:gz") as archive:
            member = next((m for m in archive.getmembers() if Path(m.name).name == METADATA), None)
            extracted = archive.extractfile(member) if member is not None else None
            if extracted is None:
                return None
            stamp = json.loads(extracted.read().decode("utf-8")).get("trained_at")
    except (OSError, tarfile.TarError, ValueError):
        return None
    try:
        moment = datetime.fromisoformat(str(stamp))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
