"""Wording shared by the checks' messages: the nearest valid name, and text made safe to print."""

from __future__ import annotations

import difflib


def suggest(value: str, candidates) -> str:
    """A ' (did you mean ...?)' hint naming the closest candidate, or ''."""
    matches = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean {matches[0]!r}?)" if matches else ""


def printable(text: str) -> str:
    """``text`` with every control, invisible or undecodable character written as an escape (\\x1b,
    \\u2028, \\udcff), so that a value can never forge or break a line of a report."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape(char) for char in text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
