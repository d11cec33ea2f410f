"""The skeleton of a name (Unicode Technical Standard #39, section 4): two names with the same
skeleton look alike, as "Acme" and "Аcme" with a Cyrillic А, or "0S" and "OS".

The mapping is Unicode's confusables table as the pinned confusable-homoglyphs package ships it,
read from disk. That file lists each pair both ways. Every target of the table is a prototype that
maps to itself, so the single characters fall into classes: one prototype and the characters that
map to it, all within two steps of each other. A character listed with a longer sequence maps to
it (m to rn).
"""

from __future__ import annotations

import functools
import json
import unicodedata
from importlib import resources

MARK = "\u200e"  # the file wraps right-to-left characters in left-to-right marks, for display


@functools.cache
def _table() -> dict[str, list[dict[str, str]]]:
    text = resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text(encoding="utf-8")
    return json.loads(text)


def _linked(char: str) -> list[str]:
    """The characters and sequences the table pairs with ``char``, either way."""
    table = _table()
    entries = table.get(char) or table.get(f"{MARK}{char}{MARK}") or []
    return [entry["c"].replace(MARK, "") for entry in entries]


@functools.cache
def _replacement(char: str) -> str:
    """The text that stands for ``char`` in a skeleton: the sequence it maps to, or the smallest
    member of its class (any fixed member serves: only equality of skeletons matters)."""
    linked = _linked(char)
    sequence = next((other for other in linked if len(other) > 1), None)
    if sequence is not None:
        return "".join(_replacement(part) for part in unicodedata.normalize("NFD", sequence))
    near = {other for other in linked if len(other) == 1}
    return min({char} | near | {far for other in near for far in _linked(other) if len(far) == 1})


def skeleton(text: str) -> str:
    """The UTS #39 skeleton: NFD, each character replaced by its prototype, NFD again."""
    return unicodedata.normalize("NFD", "".join(_replacement(char) for char in unicodedata.normalize("NFD", text)))
