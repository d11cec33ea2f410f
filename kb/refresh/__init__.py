"""``kb refresh``: releases and support windows, kept current from the projects' own feeds.

Each adapter (one module per project) reads a machine-readable feed and proposes ``releases`` rows
for (distro, line): the latest version, its date, and the line's start where the feed gives it.
The runner (``kb.refresh.runner``) compares them with the table and prints a reviewable diff; without
``--dry-run`` it writes the added and changed rows through ``kb.change.apply`` (validated, locked).

How rows get ``basis`` and ``quote``: a written row is ``stated`` and cites the feed itself (a
``sources`` row of type ``feed`` with a stable id per feed, accessed today), because every value it
takes from the feed stands in the feed's JSON; its ``quote`` is the latest version exactly as the
payload writes it (a Flatcar version key, a FCOS ``release``, a GitHub ``tag_name``, a snap
``version``), so ``kb evidence`` finds it on the feed's page. A value drawn from the feed rather than
read off it (Flatcar's start: the date of the channel's earliest version) is said so in ``note``.
A stated row is only moved on by a newer version; any other disagreement is reported, not written
(``kb.refresh.diff``). endoflife.date is read only as a cross-check: it reports, never writes.
"""

from __future__ import annotations

from kb.refresh import endoflife, fedora_coreos, flatcar, github, ubuntu_core
from kb.refresh.model import Adapter


def adapters() -> list[Adapter]:
    """Every adapter, the cross-check last."""
    return [fedora_coreos.ADAPTER, flatcar.ADAPTER, *github.adapters(), ubuntu_core.ADAPTER, endoflife.ADAPTER]
