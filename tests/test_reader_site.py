"""The reader's pages, generated from a small fixture package (tests/fixtures/site laid over the
valid one): the infobox and its releases, events and lineage in words, inferred markers, upstream
bases, historical wording, no empty table column, the chooser's data and the JSON API."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser

import pandas as pd
import pytest
from conftest import FIXTURES, build_package

from kb.site import api, chooser, compare, pages
from kb.site.context import Site
from kb.validation import validate

TODAY = pd.Timestamp("2024-03-01")


def fixture_site(tmp_path, today: pd.Timestamp = TODAY) -> Site:
    data = build_package(tmp_path / "data")
    for table in (FIXTURES / "site").glob("*.csv"):
        shutil.copy(table, data)
    report = validate(data)
    assert report.ok
    return Site(report, repo_url=None, today=today)


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Site:
    return fixture_site(tmp_path_factory.mktemp("reader"))


class Tables(HTMLParser):
    """Every table of a page as rows of cell texts (header row included)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self.tables[-1][-1].append("")

    def handle_data(self, data):
        if self.tables and self.tables[-1] and self.tables[-1][-1]:
            self.tables[-1][-1][-1] += data.strip()


def empty_columns(html: str) -> list[tuple[int, str]]:
    """(table index, header) of each column of a headed table whose body cells are all empty."""
    parser = Tables()
    parser.feed(html)
    empty = []
    for index, rows in enumerate(parser.tables):
        header, body = rows[0], rows[1:]
        if not body or len(header) != len(body[0]):
            continue  # a two-column infobox has no header row
        empty += [(index, name) for column, name in enumerate(header) if not any(row[column] for row in body)]
    return empty


def test_the_infobox_shows_the_latest_release_with_its_date_source_and_age(small) -> None:
    html = pages.distro_page(small, "acme-next")
    box = html.split('<table class="kb-summary kb-infobox">')[1].split("</table>")[0]
    latest = re.search(r"<th>Latest release</th> <td>(.*?)</td>", box).group(1)
    assert latest.startswith("2024.5.1 (2024-04-20)")
    assert 'href="#ref-' in latest and "checked 46 days ago" in latest
    assert "outdated" not in latest
    lines = re.search(r"<th>Supported lines</th> <td>(.*?)</td>", box).group(1)
    assert "lts-2023: supported until 2099-12" in lines and "stable: rolling, no end by design" in lines
    assert 'class="kb-inferred"' in lines  # the LTS line's end of support is inferred
    for url in (
        "https://www.wikidata.org/wiki/Q4242",
        "https://distrowatch.com/table.php?distribution=acmenext",
        "https://endoflife.date/acme-next",
        "https://landscape.cncf.io/?item=acme-next",
    ):
        assert f'href="{url}"' in box


def test_an_active_distro_checked_long_ago_is_flagged_outdated(tmp_path) -> None:
    later = fixture_site(tmp_path, today=pd.Timestamp("2024-09-01"))
    html = pages.distro_page(later, "acme-next")
    assert "outdated" in re.search(r"<th>Latest release</th> <td>(.*?)</td>", html).group(1)
    assert "outdated" not in pages.distro_page(later, "acme-os")  # discontinued: old is expected


def test_an_active_distro_without_a_dated_release_says_so(tmp_path) -> None:
    site = fixture_site(tmp_path)
    releases = site.tables["releases"]
    site.tables["releases"] = releases[releases["distro"] != "acme-next"]
    html = pages.distro_page(site, "acme-next")
    latest = re.search(r"<th>Latest release</th> <td>(.*?)</td>", html).group(1)
    assert latest == '<span class="kb-gap">not recorded: no source read so far gives a dated release</span>'


def test_no_infobox_release_rows_without_releases(small) -> None:
    html = pages.distro_page(small, "acme-base")
    assert "Latest release" not in html and "Supported lines" not in html


def test_events_and_lineage_read_in_their_direction(small) -> None:
    fork = pages.distro_page(small, "acme-next")
    assert re.search(r'Forked from <a href="../acme-os/">Acme OS</a> \(2019\)', fork)  # lineage
    assert re.search(r'<td>2019-03</td> <td>forked from <a href="../acme-os/">Acme OS</a>', fork)  # event
    parent = pages.distro_page(small, "acme-os")
    assert '<a href="../acme-next/">Acme Next</a> forked from it' in parent
    assert "Acme Next → Acme OS" not in fork + parent


def test_inferred_facts_carry_their_reasoning_in_a_disclosure(small) -> None:
    html = pages.distro_page(small, "acme-os")
    marker = re.search(r'<details class="kb-inferred"><summary[^>]*>inferred</summary><span>(.*?)</span>', html)
    assert marker and "shared code history" in html
    inferred_rows = html.count('class="kb-inferred"')
    assert inferred_rows >= 2  # the fork edge and the feature value (the runtime rows are stated)


def test_a_discontinued_distro_reads_as_history(small) -> None:
    html = pages.distro_page(small, "acme-os")
    features = html.split("## Features")[1].split("## Events")[0]
    assert "<th>Had</th>" in features and "until 2020-05-26" in features
    assert "<th>Value</th>" in pages.distro_page(small, "acme-next")


def test_research_notes_are_folded_into_sourcing_notes(small) -> None:
    html = pages.distro_page(small, "acme-next")
    assert re.search(r'<details class="kb-sourcing"><summary>Sourcing notes</summary>\s*<p>The first release', html)


def test_no_table_has_an_empty_column(small) -> None:
    for distro in small.distros.index:
        assert empty_columns(pages.distro_page(small, distro)) == [], distro


def test_an_upstream_base_has_a_short_page_and_stays_out_of_comparisons(small) -> None:
    html = pages.distro_page(small, "acme-base")
    assert "The package base" in html and '<a href="../acme-os/">Acme OS</a> derives from it' in html
    assert "## Features" not in html and "## Container runtimes" not in html
    assert "Acme Base" not in compare.compare_page(small).split("<tbody>")[1]
    assert "acme-base" not in {d["id"] for d in chooser.data(small)["distros"]}


def test_the_comparison_ranks_values_for_sorting(small) -> None:
    html = compare.compare_page(small)
    cells = re.findall(r'data-sort="(\d)" data-basis="(\w+)"><(?:a|span) class="kb-value kb-(\w+)"', html)
    assert cells and all(int(rank) == ("yes", "partial", "optional", "no", "unknown").index(v) for rank, _, v in cells)
    assert ("1", "inferred", "partial") in cells and ("0", "stated", "yes") in cells  # Acme OS's, Acme Next's SELinux
    assert 'class="kb-hide-inferred-toggle"' in html and 'id="def-selinux"' in html


def test_the_chooser_embeds_its_data_safely(small) -> None:
    html = chooser.chooser_page(small)
    embedded = re.search(r'<script type="application/json" id="kb-chooser-data">(.*?)</script>', html).group(1)
    assert "<" not in embedded
    data = json.loads(embedded)
    assert data["rank"] == ["yes", "partial", "optional", "no", "unknown"]
    next_ = next(d for d in data["distros"] if d["id"] == "acme-next")
    assert next_["values"]["selinux"] == {"value": "yes", "inferred": False}
    assert next_["runtimes"] == ["containerd"] and next_["url"] == "../distros/acme-next/"
    acme = next(d for d in data["distros"] if d["id"] == "acme-os")
    assert acme["runtimes"] == ["docker"]
    assert acme["values"]["selinux"] == {"value": "partial", "inferred": True, "why": "permissive mode"}


def test_the_api_carries_releases_and_identifiers_under_a_versioned_path(small) -> None:
    documents = api.versioned(api.distro_documents(small))
    document = json.loads(documents["api/distros/acme-next.json"])
    assert [row["line"] for row in document["releases"]] == ["lts-2023", "stable"]
    assert document["identifiers"]["wikidata"] == {
        "id": "Q4242", "name": "Wikidata", "url": "https://www.wikidata.org/wiki/Q4242",
    }  # fmt: skip
    assert {"acme-docs", "globex-news"} <= document["sources"].keys()  # globex-news: an end_of_support_source
    releases = json.loads(documents["api/releases.json"])
    assert releases["count"] == 3 and releases["releases"][0]["distro"] == "acme-next"
    for path, text in documents.items():
        if path.startswith("api/") and not path.startswith("api/v1/"):
            assert documents["api/v1/" + path.removeprefix("api/")] == text
