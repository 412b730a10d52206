"""`python -m generator new KIND ID`: a commented skeleton record to fill in."""

from __future__ import annotations

import datetime
from pathlib import Path

from generator import schema

SKELETONS = Path(__file__).resolve().parent / "skeletons"
FOLDERS = {"explainer": "explainers", "actor": "actors", "source": "sources"}


def new_record(content: Path, kind: str, id: str, today: datetime.date) -> tuple[Path, str | None]:
    """Create content/<kind>s/<id>.yml from the skeleton; returns the path and an error, if any."""
    path = content / FOLDERS[kind] / f"{id}.yml"
    if not schema.ID_PATTERN.match(id):
        return path, f"invalid {kind} id '{id}'; ids are lowercase words joined by hyphens, like 'who-says-pokrovsk-fell'"
    if id in schema.RESERVED_IDS:
        return path, f"'{id}' is reserved; choose another {kind} id"
    text = (SKELETONS / f"{kind}.yml").read_text(encoding="utf-8").replace("{today}", today.isoformat())
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        return path, f"'{path}' already exists; edit it, or choose another id"
    return path, None
