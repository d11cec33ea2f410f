"""Comparing proposals with the ``releases`` rows: what would be added, changed or only reported.

A row whose ``basis`` is ``stated`` is changed only when the feed names a newer version (a higher
version number); the change is marked. A feed that names an older version, or another date for the
same version, or another start or end of support than a stated row, disagrees: that is reported and
nothing is written. A row never goes back to an older version, whatever its basis. Cross-check
proposals only ever disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.refresh.model import Proposal, version_key

ADDED, CHANGED, UPDATED, DISAGREES, SAME = "added", "changed", "updated", "disagrees", "same"


@dataclass(frozen=True)
class Change:
    """What a proposal does to its row: ``cells`` are (column, old, new) for the values that differ."""

    verdict: str
    proposal: Proposal
    cells: list[tuple[str, str, str]] = field(default_factory=list)
    reason: str = ""


def compare(proposal: Proposal, row: dict[str, str] | None, crosscheck: bool = False) -> Change:
    """The verdict for one proposal against its row (None when the table has no row for the line)."""
    if row is None:
        return Change(SAME if crosscheck else ADDED, proposal, [(k, "", v) for k, v in proposal.values.items()])
    cells = [(name, row.get(name, ""), new) for name, new in proposal.values.items() if row.get(name, "") != new]
    if not cells:
        return Change(SAME, proposal)
    if crosscheck:
        return Change(DISAGREES, proposal, cells, f"{proposal.feed.publisher} says otherwise")
    old_version, new_version = row.get("latest_version", ""), proposal.latest_version
    newer = not old_version or version_key(new_version) > version_key(old_version)
    if old_version and version_key(new_version) < version_key(old_version):
        return Change(DISAGREES, proposal, cells, "the feed names an older version")
    if row.get("basis") != "stated":
        return Change(CHANGED, proposal, cells)
    # A stated row: only a newer version moves it on; a start or end of support it states stays.
    kept = [cell for cell in cells if cell[1] and cell[0] in ("started", "end_of_support")]
    if not newer and any(cell[1] for cell in cells):
        return Change(DISAGREES, proposal, cells, "the row is stated; the feed gives other values for the same version")
    moved = [cell for cell in cells if cell not in kept]
    reason = "; kept as stated: " + ", ".join(f"{name} {old} (feed: {new})" for name, old, new in kept) if kept else ""
    if not moved:
        return Change(DISAGREES, proposal, cells, "the row is stated and the feed gives other values")
    if newer and old_version:
        return Change(UPDATED, proposal, moved, "stated, newer in the feed" + reason)
    return Change(CHANGED, proposal, moved, "fills empty cells of a stated row" + reason)


def written(change: Change) -> bool:
    """Whether the change is to be written."""
    return change.verdict in (ADDED, CHANGED, UPDATED)
