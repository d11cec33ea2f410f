"""Lineage edges and events in words, from the point of view of the page they appear on.

Each template is written once per side: ``{other}`` is the other party, already escaped or linked.
"""

from __future__ import annotations

# relation: (on the page of ``to``, on the page of ``from``); see the lineage table's schema.
LINEAGE = {
    "successor": ("succeeds {other}", "succeeded by {other}"),
    "fork": ("forked from {other}", "{other} forked from it"),
    "derivative": ("derived from {other}", "{other} derives from it"),
    "rebrand": ("renamed from {other}", "renamed {other}"),
    "merge": ("{other} merged into it", "merged into {other}"),
    "based-on": ("built on {other}", "{other} is built on it"),
}

# kind: (on the subject's page, on the object's page, with no object); see the events table's schema.
EVENTS = {
    "first-release": ("first release, with {other}", "first release of {other}", "first release"),
    "release": ("release, with {other}", "release of {other}", "release"),
    "end-of-life": ("end of life, with {other}", "end of life of {other}", "end of life"),
    "acquisition": ("acquired {other}", "acquired by {other}", "acquisition"),
    "rename": ("renamed {other}", "{other} renamed to it", "renamed"),
    "announcement": ("announced, with {other}", "announcement of {other}", "announced"),
    "fork": ("forked from {other}", "{other} forked from it", "forked"),
    "merger": ("merged into {other}", "{other} merged into it", "merged"),
    "donation": ("donated to {other}", "{other} donated to it", "donated"),
}


def lineage(relation: str, *, on_to_page: bool, other: str) -> str:
    """A lineage edge seen from one end."""
    return LINEAGE[relation][0 if on_to_page else 1].format(other=other)


def event(kind: str, *, subject_page: bool, other: str | None) -> str:
    """An event seen from the subject's or the object's page; ``other`` is None without an object."""
    subject_form, object_form, alone = EVENTS[kind]
    if other is None:
        return alone
    return (subject_form if subject_page else object_form).format(other=other)
