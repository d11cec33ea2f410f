"""One escaping policy per output context; every value from the data reaches a page through here.

- HTML text, attribute values, and Markdown that a page or a notebook emits: ``text``. Generated
  Markdown becomes HTML, sometimes inside raw HTML blocks that Markdown leaves alone, so one form
  must be inert in both: HTML's specials and Markdown's inline syntax become character references.
- URLs in ``href`` or ``src``: ``safe_url`` lets through http, https, mailto and relative URLs only.
- JSON inside ``<script>``: ``script_json`` / ``ScriptSafeJSON`` escape ``<``, ``>``, ``&``,
  U+2028 and U+2029, so that no string can end the script.
- Titles and meta tags: the theme override escapes them after the theme's ``striptags``.
- XML (the Atom feeds): an XML builder escapes; ``xml_chars`` first drops the characters XML 1.0
  cannot carry at all, which no escaping can save.
- iCalendar TEXT values: ``ics_text`` escapes backslash, ``;``, ``,`` and line breaks (RFC 5545 3.3.11)
  and drops other control characters.
"""

from __future__ import annotations

import html
import json
import re
import urllib.parse

import pandas as pd

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_INERT = {character: f"&#{ord(character)};" for character in "&<>\"'`*_[]()!|~\\#"}
_SPECIALS = re.compile("|".join(map(re.escape, _INERT)))
# Browsers drop ASCII whitespace and control characters anywhere in a URL before reading its scheme.
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f-\x9f]+")
# Outside XML 1.0's Char production: C0 controls but tab, CR and LF; surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ICS_SPECIALS = {"\\": "\\\\", ";": "\\;", ",": "\\,", "\r\n": "\\n", "\n": "\\n", "\r": "\\n"}
_ICS = re.compile(r"\r\n|[\\;,\n\r]|([\x00-\x08\x0b\x0c\x0e-\x1f\x7f])")
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def text(value: object) -> str:
    """Text inert in HTML content, in quoted attribute values and in Markdown; missing values become ''."""
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    return _SPECIALS.sub(lambda match: _INERT[match.group()], str(value))


def safe_url(url: object) -> str | None:
    """``url`` if it is http, https, mailto or relative, else None; judged as a browser would read it
    (entities decoded, whitespace and control characters dropped, scheme case ignored)."""
    if not isinstance(url, str) or not url:
        return None
    seen = _IGNORED_IN_URLS.sub("", html.unescape(url))
    scheme = urllib.parse.urlsplit(seen).scheme.lower() if ":" in seen.split("/", 1)[0] else ""
    if scheme and scheme not in SAFE_SCHEMES:
        return None
    return seen


class ScriptSafeJSON(json.JSONEncoder):
    """JSON that can stand inside ``<script>``: the characters that could end it are \\u-escaped."""

    def encode(self, o: object) -> str:
        text = super().encode(o)
        for character, escaped in _SCRIPT_UNSAFE.items():
            text = text.replace(character, escaped)
        return text


def script_json(value: object, **options) -> str:
    return json.dumps(value, cls=ScriptSafeJSON, **options)


def xml_chars(value: object) -> str:
    """Text that XML 1.0 can carry: missing values become '', forbidden characters are dropped.
    Escaping the rest is the XML builder's job."""
    return _NOT_XML.sub("", "" if value is None or _missing(value) else str(value))


def ics_text(value: object) -> str:
    """An iCalendar TEXT value: backslash, semicolon, comma and line breaks escaped, other controls dropped."""
    if value is None or _missing(value):
        return ""
    return _ICS.sub(lambda match: "" if match.group(1) else _ICS_SPECIALS[match.group()], str(value))


def _missing(value: object) -> bool:
    return not isinstance(value, str) and pd.api.types.is_scalar(value) and bool(pd.isna(value))
