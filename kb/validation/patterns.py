"""Patterns of datapackage.json in a restricted syntax, so that no cell can make a check backtrack
for minutes (``(a+)+$`` takes 39 s on a 41-character cell).

Refused: backreferences, lookarounds, conditionals, and a repeated part that holds another
repetition or an alternation, unless each repetition starts with a character that the part cannot
end with, as in ``[a-z0-9]+(-[a-z0-9]+)*``: there, every way of matching is the only one.
"""

from __future__ import annotations

import re
from re import _constants as sre  # Python's own parser of its pattern syntax (private, stable since 3.11)
from re import _parser as parser

REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
LARGEST_SET = 1000  # wider character ranges count as "any character"


class UnsafePattern(ValueError):
    """The pattern does not compile, or uses a construct that may take exponential time."""


def compile_safe(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled, or UnsafePattern saying which construct it may not use."""
    try:
        tree = parser.parse(pattern)
    except re.error as error:
        raise UnsafePattern(f"it does not compile ({error})") from None
    _check(tree)
    return re.compile(pattern)


def _check(items) -> None:
    for op, av in items:
        if op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
            raise UnsafePattern("it uses a backreference")
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            raise UnsafePattern("it uses a lookahead or lookbehind")
        for inner in _children(op, av):
            _check(inner)
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[1] > 1 and _ambiguous(av[2]):
            raise UnsafePattern("it nests a quantifier or an alternation inside a quantifier ambiguously")


def _children(op, av) -> list:
    if op == sre.SUBPATTERN:
        return [av[3]]
    if op in REPEATS:
        return [av[2]]
    if op == sre.BRANCH:
        return list(av[1])
    if op == sre.ATOMIC_GROUP:
        return [av]
    return []


def _ambiguous(body) -> bool:
    """Whether repeating ``body`` may match one text in many ways."""
    if not _holds_choice(body):
        return False
    if body.getwidth()[0] == 0:
        return True
    first, last = _edge(body, reverse=False), _edge(body, reverse=True)
    return first is None or last is None or bool(first & last)


def _holds_choice(items) -> bool:
    """Whether ``items`` hold a repetition (of more than one) or an alternation anywhere."""
    for op, av in items:
        if op == sre.BRANCH or (op in REPEATS and av[1] > 1):
            return True
        if any(_holds_choice(inner) for inner in _children(op, av)):
            return True
    return False


def _edge(items, reverse: bool) -> set[int] | None:
    """The characters a match of ``items`` can start (or end, with ``reverse``) with; None for "any"."""
    chars: set[int] = set()
    for op, av in reversed(list(items)) if reverse else items:
        if op == sre.AT:
            continue  # an anchor takes no character
        if op == sre.LITERAL:
            return chars | {av}
        if op == sre.IN:
            inner = _charset(av)
            return None if inner is None else chars | inner
        children = _children(op, av)
        if not children:
            return None  # any character, a negated literal
        for child in children:
            inner = _edge(child, reverse)
            if inner is None:
                return None
            chars |= inner
        if not _nullable(op, av):
            return chars
    return chars


def _nullable(op, av) -> bool:
    if op in REPEATS:
        return av[0] == 0 or av[2].getwidth()[0] == 0
    if op == sre.BRANCH:
        return any(branch.getwidth()[0] == 0 for branch in av[1])
    return (av[3] if op == sre.SUBPATTERN else av).getwidth()[0] == 0


def _charset(members) -> set[int] | None:
    chars: set[int] = set()
    for op, av in members:
        if op == sre.LITERAL:
            chars.add(av)
        elif op == sre.RANGE and av[1] - av[0] <= LARGEST_SET:
            chars.update(range(av[0], av[1] + 1))
        else:
            return None  # a negation, a category such as \S, a very wide range
    return chars
