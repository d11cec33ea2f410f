"""How a feature value is shown: its rank, its mark (icon and word), and the marker of an inferred fact."""

from __future__ import annotations

from kb.escaping import text
from kb.features import UNKNOWN

# Best first: the order of the comparison's sort and of the chooser.
RANK = ("yes", "partial", "optional", "no", UNKNOWN)
MARKS = {"yes": "✔ yes", "partial": "◐ partial", "optional": "○ optional", "no": "✘ no", UNKNOWN: "? unknown"}
MEANINGS = {
    "yes": "the distribution has it",
    "partial": "with a qualifier, given in the detail",
    "optional": "available, not on by default",
    "no": "the distribution does not have it",
    UNKNOWN: "not sourced yet",
}


def rank(value: str) -> int:
    """0 for yes up to 4 for unknown."""
    return RANK.index(value)


def mark(value: str) -> str:
    """The value's icon and word in a span coloured by its class; the icon alone never carries it."""
    return f'<span class="kb-value kb-{text(value)}">{text(MARKS[value])}</span>'


def legend() -> str:
    """Every value's mark and meaning, in rank order."""
    items = "".join(f"<li>{mark(value)}: {text(MEANINGS[value])}</li>" for value in RANK)
    return f'<ul class="kb-legend">{items}</ul>'


def inferred(reason: object) -> str:
    """The marker of an inferred fact: a disclosure whose reasoning opens by click, touch or keyboard."""
    why = text(reason) or "The source does not say this in so many words; it follows from what it says."
    return (
        '<details class="kb-inferred"><summary title="inferred: show the reasoning">inferred</summary>'
        f"<span>{why}</span></details>"
    )
