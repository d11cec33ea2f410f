"""The Atom feeds and the end-of-support calendar: valid by their standards, reproducible, and
unbreakable by hostile values. Expected values are recounted from the CSVs with the csv module."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pandas as pd
import pytest
from conftest import build_package

from kb.dates import parse_partial
from kb.site import atom, feeds, ics
from kb.site.context import Site
from kb.validation import validate

TODAY = dt.date(2026, 1, 15)
NS = {"a": atom.ATOM}
HOSTILE = 'Acme </title><script>alert(1)</script> ]]> <![CDATA[x]]> ; , \\ & "q"'
RAW = HOSTILE + "\r\nSECOND:LINE\rTHIRD\n\x00\x1b;BEGIN:VEVENT"  # what the validator keeps out of the data


def rows(package: Path, table: str) -> list[dict[str, str]]:
    with open(package / f"{table}.csv", encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def write(package: Path, table: str, records: list[dict[str, str]]) -> None:
    with open(package / f"{table}.csv", "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(records[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """The valid fixture with a hostile distro name and a line whose end of support is a future month."""
    package = build_package(tmp_path / "data")
    distros = rows(package, "distros")
    for row in distros:
        if row["id"] == "acme-next":
            row["name"] = HOSTILE
    write(package, "distros", distros)
    releases = rows(package, "releases")
    future = dict(releases[0], line="lts-1", kind="lts", rolling="no", end_of_support="2031-06", started="2021-06")
    future |= {"latest_version": "1.2;3,4", "latest_date": "2021-09-02"}
    write(package, "releases", [*releases, future])
    assert validate(package, TODAY).ok, validate(package, TODAY).issues
    return package


def site_of(package: Path, repo_url: str | None = None) -> Site:
    return Site(validate(package, TODAY), repo_url=repo_url, today=pd.Timestamp(TODAY))


def parse_feed(document: str) -> ET.Element:
    root = ET.fromstring(document.encode("utf-8"))
    assert root.tag == f"{{{atom.ATOM}}}feed"
    return root


def check_atom(root: ET.Element) -> list[ET.Element]:
    """RFC 4287's required elements: the feed's id, title, updated and an author (here on the feed);
    each entry's id, title, updated, and content or an alternate link. Dates are RFC 3339."""
    for tag in ("id", "title", "updated"):
        assert len(root.findall(f"a:{tag}", NS)) == 1, tag
    assert root.find("a:author/a:name", NS).text
    entries = root.findall("a:entry", NS)
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(f"a:{tag}", NS)) == 1, tag
        assert entry.find("a:content", NS) is not None or entry.find("a:link[@rel='alternate']", NS) is not None
        dt.datetime.strptime(entry.find("a:updated", NS).text, "%Y-%m-%dT%H:%M:%SZ")
    ids = [entry.find("a:id", NS).text for entry in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    stamps = [entry.find("a:updated", NS).text for entry in entries]
    assert stamps == sorted(stamps, reverse=True)
    if entries:
        assert root.find("a:updated", NS).text == stamps[0]
    return entries


def test_feeds_are_valid_atom_and_hold_every_dated_release(package: Path) -> None:
    documents = feeds.documents(site_of(package), package, "https://example.org/kb/")
    dated = [r for r in rows(package, "releases") if r["latest_version"] and r["latest_date"]]
    entries = check_atom(parse_feed(documents[feeds.SITE_FEED]))
    assert len(entries) == len(dated)  # no git history here: the feed is built from the data alone
    assert {e.find("a:title", NS).text for e in entries} >= {
        f"{HOSTILE} {r['line']}: {r['latest_version']}" for r in dated if r["distro"] == "acme-next"
    }
    for distro in rows(package, "distros"):
        own = check_atom(parse_feed(documents[f"feeds/distros/{distro['id']}.atom"]))
        assert len(own) == sum(r["distro"] == distro["id"] for r in dated)


def test_updated_dates_come_from_the_data_not_the_clock(package: Path) -> None:
    document = feeds.documents(site_of(package), package, None)[feeds.SITE_FEED]
    dated = [parse_partial(r["latest_date"]).start for r in rows(package, "releases") if r["latest_date"]]
    root = parse_feed(document)
    assert root.find("a:updated", NS).text == f"{max(dated).isoformat()}T00:00:00Z"
    # without a site URL, links are relative to the feed's folder
    assert root.find("a:entry/a:link", NS).get("href").startswith("../distros/")


def test_the_same_data_gives_the_same_bytes(package: Path) -> None:
    first = feeds.documents(site_of(package), package, "https://example.org/")
    assert first == feeds.documents(site_of(package), package, "https://example.org/")


def test_a_hostile_value_stays_text_in_atom() -> None:
    entry = atom.Entry(atom.urn("x"), RAW, dt.date(2026, 1, 1), RAW, link='https://e.org/?a=1&b="2"<', category=RAW)
    feed = atom.Feed(atom.urn("feed"), RAW, RAW, dt.date(2026, 1, 1))
    root = parse_feed(atom.render(feed, [entry], RAW))
    parsed = root.find("a:entry", NS)
    kept = HOSTILE + "\nSECOND:LINE\nTHIRD\n;BEGIN:VEVENT"  # XML reads CR as LF; NUL and ESC cannot be carried
    assert parsed.find("a:title", NS).text == kept == parsed.find("a:content", NS).text
    assert parsed.find("a:link", NS).get("href") == 'https://e.org/?a=1&b="2"<'
    assert len(root.findall(".//{http://www.w3.org/1999/xhtml}script")) == 0
    scripted = atom.Entry(atom.urn("y"), "t", dt.date(2026, 1, 1), "c", link=" JaVaScRiPt:alert(1)")
    assert parse_feed(atom.render(feed, [scripted], "a")).find("a:entry/a:link", NS) is None
    assert [child.tag.split("}")[1] for child in parsed] == ["id", "title", "updated", "link", "category", "content"]


def ics_lines(document: str) -> list[str]:
    assert document.endswith("\r\n") and "\n" not in document.replace("\r\n", "")
    lines = document.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= ics.LIMIT for line in lines)
    return lines


def future_ends(package: Path) -> dict[str, tuple[dt.date, str]]:
    """UID -> (day, checked) of every end after TODAY, read with the csv module."""
    ends = {}
    for row in rows(package, "releases"):
        if row["end_of_support"] and parse_partial(row["end_of_support"]).end > TODAY:
            uid = f"end-of-support/{row['distro']}/{row['line']}@{feeds.UID_DOMAIN}"
            ends[uid] = (parse_partial(row["end_of_support"]).end, row["checked"])
    for row in rows(package, "distros"):
        if row["end_of_life"] and parse_partial(row["end_of_life"]).end > TODAY:
            ends[f"end-of-life/{row['id']}@{feeds.UID_DOMAIN}"] = (
                parse_partial(row["end_of_life"]).end,
                row["checked"],
            )
    return ends


def test_the_calendar_is_rfc_5545_and_holds_every_future_end(package: Path) -> None:
    document = feeds.documents(site_of(package), package, None)[feeds.CALENDAR]
    lines = ics_lines(document)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    calendar = icalendar.Calendar.from_ical(document)
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    events = calendar.walk("VEVENT")
    expected = future_ends(package)
    assert {str(event["UID"]) for event in events} == set(expected) and expected
    for event in events:
        day, checked = expected[str(event["UID"])]
        assert event.decoded("DTSTART") == day and event.decoded("DTEND") == day + dt.timedelta(days=1)
        assert event.decoded("DTSTAMP").date().isoformat() == checked  # from the data, not the clock
    month = next(e for e in events if str(e["UID"]).startswith("end-of-support/acme-next/lts-1"))
    assert month.decoded("DTSTART") == dt.date(2031, 6, 30)
    assert "month only" in str(month["DESCRIPTION"])
    assert str(month["SUMMARY"]) == f"{HOSTILE} lts-1: end of support"


def test_a_hostile_value_stays_text_in_icalendar() -> None:
    event = ics.Event("u@x", dt.date(2030, 2, 28), dt.date(2026, 1, 1), RAW, RAW * 3, url="https://e.org/a\r\nX:1")
    document = ics.render([event], RAW)
    lines = ics_lines(document)
    assert sum(line == "BEGIN:VEVENT" for line in lines) == 1  # the planted BEGIN:VEVENT stayed inside a value
    parsed = icalendar.Calendar.from_ical(document).walk("VEVENT")[0]
    kept = HOSTILE + "\nSECOND:LINE\nTHIRD\n;BEGIN:VEVENT"  # line breaks become \n; NUL and ESC are dropped
    assert str(parsed["SUMMARY"]) == kept and str(parsed["DESCRIPTION"]) == kept * 3
    assert str(parsed["URL"]) == "https://e.org/aX:1"  # a URL loses its whitespace and controls, as a browser reads it


def test_folding_never_splits_a_character() -> None:
    line = "SUMMARY:" + "é€😀" * 40
    folded = ics.fold(line)
    pieces = folded.split("\r\n")[:-1]
    assert all(len(piece.encode("utf-8")) <= 75 for piece in pieces)
    assert "".join(piece.removeprefix(" ") if i else piece for i, piece in enumerate(pieces)) == line


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e.org", "GIT_COMMITTER_NAME": "t"}
    env |= {"GIT_COMMITTER_EMAIL": "t@e.org", "HOME": str(repo), "PATH": "/usr/bin:/bin"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def test_corrections_come_from_the_history_of_data(package: Path) -> None:
    repo = package.parent
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Initial data", date="2026-01-02T10:00:00+02:00")
    (repo / "README").write_text("not data\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Docs only", date="2026-01-03T10:00:00+00:00")
    releases = rows(package, "releases")
    releases[-1]["end_of_support"] = "2031-07"
    write(package, "releases", releases)
    git(repo, "commit", "-qam", f"Fix {HOSTILE}", "-m", "Body line", date="2026-01-04T12:30:00+00:00")

    documents = feeds.documents(site_of(package, "https://github.com/o/r"), package, None)
    entries = check_atom(parse_feed(documents[feeds.SITE_FEED]))
    titles = [e.find("a:title", NS).text for e in entries]
    assert titles[0] == f"Fix {HOSTILE}" and "Docs only" not in titles and "Initial data" in titles
    newest = entries[0]
    assert newest.find("a:updated", NS).text == "2026-01-04T12:30:00Z"
    assert newest.find("a:link", NS).get("href").startswith("https://github.com/o/r/commit/")
    assert "Body line" in newest.find("a:content", NS).text and "releases" in newest.find("a:content", NS).text

    def titles_of(distro: str) -> list[str]:
        return [e.text for e in parse_feed(documents[f"feeds/distros/{distro}.atom"]).findall("a:entry/a:title", NS)]

    assert f"Fix {HOSTILE}" in titles_of("acme-next")  # the changed row is acme-next's
    assert f"Fix {HOSTILE}" not in titles_of("acme-os")


def test_head_links_name_the_feeds() -> None:
    page = "<html><head><title>x</title></head><body></body></html>"
    names = {"acme-os": HOSTILE}
    linked = feeds.head_links(page, "distros/acme-os.md", lambda path: f"../../{path}", names)
    assert 'href="../../feeds/releases.atom"' in linked and 'href="../../feeds/distros/acme-os.atom"' in linked
    assert "<script>" not in linked and 'rel="alternate feed" type="text/calendar"' in linked
    other = feeds.head_links(page, "compare.md", lambda path: path, names)
    assert "feeds/distros/" not in other and "feeds/releases.atom" in other
