"""Where each value of a JSON text starts, so that a problem in datapackage.json is reported at its
line and column. The text is scanned without recursion, so no nesting depth can crash it."""

from __future__ import annotations

import re

Path = tuple[str | int, ...]  # the keys and indexes leading to a value, as in a JSON pointer

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+', re.S)


def positions(text: str) -> dict[Path, int]:
    """The offset in ``text`` where the value at each path starts (the empty path is the whole document).

    ``text`` must be valid JSON; keys are decoded the way ``json.loads`` decodes them."""
    import json

    found: dict[Path, int] = {}
    stack: list[list] = []  # per open container: [path, next index or None for an object, pending key]
    expecting_key = False
    for match in _TOKEN.finditer(text):
        token, start = match.group(), match.start()
        if token in ",:":
            expecting_key = token == "," and bool(stack) and stack[-1][1] is None
            continue
        if token in "}]":
            stack.pop()
            expecting_key = False
            continue
        if expecting_key:
            stack[-1][2] = json.loads(token)
            expecting_key = False
            continue
        path = _child(stack)
        found[path] = start
        if token in "{[":
            stack.append([path, None if token == "{" else 0, None])
            expecting_key = token == "{"
    return found


def _child(stack: list[list]) -> Path:
    """The path of the value that starts now, and advance the container's index."""
    if not stack:
        return ()
    frame = stack[-1]
    if frame[1] is None:
        return (*frame[0], frame[2])
    frame[1] += 1
    return (*frame[0], frame[1] - 1)


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def depth_exceeded(text: str, limit: int) -> int | None:
    """The offset of the first bracket nested deeper than ``limit``, or None."""
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "{[":
            depth += 1
            if depth > limit:
                return match.start()
        elif token in "}]":
            depth -= 1
    return None
