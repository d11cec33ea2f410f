"""Atom feeds (RFC 4287) of new releases and of corrections to the data.

Built with ElementTree, so every value is escaped by the XML writer, after ``xml_chars`` has dropped
what XML cannot carry. Ids are URNs derived from content (UUID 5), dates come from the data or the
commits (never the clock), and entries are sorted newest first, then by id: the same data and
history give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from kb.escaping import safe_url, xml_chars

ATOM = "http://www.w3.org/2005/Atom"
NAMESPACE = uuid.UUID("6f1d3c2e-8a43-5b0e-9a57-2f0b9d1c4e71")  # this knowledge base's ids; never change it
ET.register_namespace("", ATOM)


def urn(*parts: str) -> str:
    """A stable id for what ``parts`` name: the same parts always give the same URN."""
    return uuid.uuid5(NAMESPACE, "\x1f".join(parts)).urn


def timestamp(moment: dt.date | dt.datetime) -> str:
    """RFC 3339 in UTC; a date counts from its midnight UTC."""
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime(moment.year, moment.month, moment.day, tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Entry:
    """One entry: an id, a title, when it last changed, a plain-text summary and a link."""

    id: str
    title: str
    updated: dt.date | dt.datetime
    content: str
    link: str | None = None
    category: str | None = None

    @property
    def stamp(self) -> str:
        return timestamp(self.updated)


@dataclass(frozen=True)
class Feed:
    """A feed's own metadata; ``fallback`` is its updated date when it has no entry."""

    id: str
    title: str
    subtitle: str
    fallback: dt.date | dt.datetime
    alternate: str | None = None
    self_url: str | None = None


def _link(parent: ET.Element, rel: str, kind: str, url: str | None) -> None:
    """A link element, left out when the URL is not http, https, mailto or relative."""
    if (safe := safe_url(url)) is not None:
        _add(parent, "link", rel=rel, type=kind, href=safe)


def _add(parent: ET.Element, tag: str, value: object = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: xml_chars(v) for k, v in attributes.items()})
    if value is not None:
        element.text = xml_chars(value)
    return element


def render(feed: Feed, entries: list[Entry], author: str) -> str:
    """The feed as an XML document; entries newest first, ties broken by id."""
    ordered = sorted(entries, key=lambda entry: entry.id)
    ordered.sort(key=lambda entry: entry.stamp, reverse=True)
    root = ET.Element(f"{{{ATOM}}}feed")
    _add(root, "id", feed.id)
    _add(root, "title", feed.title)
    _add(root, "subtitle", feed.subtitle)
    _add(root, "updated", ordered[0].stamp if ordered else timestamp(feed.fallback))
    _add(_add(root, "author"), "name", author)
    _link(root, "alternate", "text/html", feed.alternate)
    _link(root, "self", "application/atom+xml", feed.self_url)
    _add(root, "generator", "kb")
    for entry in ordered:
        element = _add(root, "entry")
        _add(element, "id", entry.id)
        _add(element, "title", entry.title, type="text")
        _add(element, "updated", entry.stamp)
        _link(element, "alternate", "text/html", entry.link)
        if entry.category:
            _add(element, "category", term=entry.category)
        _add(element, "content", entry.content, type="text")
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
