"""An actor's track record: how its latest position on each claim compares with the editors'
current assessment of that claim."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.link import Citation

HELD = ("confirmed", "likely")
FAILED = ("unlikely", "false")


@dataclass(frozen=True)
class TrackRecord:
    held: tuple[Citation, ...]  # the actor's latest statement on claims now assessed confirmed or likely
    failed: tuple[Citation, ...]  # ... on claims now assessed unlikely or false
    unsettled: int  # claims still contested or unverified

    @staticmethod
    def count(positions: tuple[Citation, ...], *stances: str) -> int:
        return sum(p.statement.stance in stances for p in positions)


def track_record(citations: Iterable[Citation]) -> TrackRecord:
    latest: dict[str, Citation] = {}
    for citation in citations:  # in explainer order, then statement order
        current = latest.get(citation.explainer.id)
        if current is None or citation.statement.date.sort_key() >= current.statement.date.sort_key():
            latest[citation.explainer.id] = citation
    positions = list(latest.values())
    return TrackRecord(
        held=tuple(p for p in positions if p.explainer.status in HELD),
        failed=tuple(p for p in positions if p.explainer.status in FAILED),
        unsettled=sum(p.explainer.status not in HELD + FAILED for p in positions),
    )
