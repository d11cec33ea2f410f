"""The built site: generated pages, citations, downloads, the JSON API, reference pages, and a
build that fails closed and never publishes stale notebook output."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import DATA, REPO_URL, ROOT, build_package, build_site, read_rows
from test_reader_site import empty_columns

from kb.validation.catalogue import CATALOGUE
from kb.validation.descriptor import read_package

DISTROS = read_rows("distros")
NOTEBOOKS = sorted(path.stem for path in (DATA.parent / "notebooks").glob("*.py"))


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


COMPARED = [d for d in DISTROS if d["kind"] != "upstream-base"]


@pytest.mark.parametrize("distro", DISTROS, ids=lambda d: d["id"])
def test_every_distro_has_a_page(site, distro) -> None:
    html = page(site, f"distros/{distro['id']}")
    upstream = distro["kind"] == "upstream-base"
    for heading in ("Lineage", "Sources") if upstream else ("Lineage", "Container runtimes", "Features", "Events"):
        assert f">{heading}<" in html
    assert '<table class="kb-summary kb-infobox">' in html
    assert empty_columns(html) == []
    assert distro["description"].split(".")[0] in unescape(html)


def test_citations_point_to_listed_sources(site) -> None:
    html = page(site, "distros/flatcar")
    markers = set(re.findall(r'href="#ref-(\d+)"', html))
    listed = set(re.findall(r'<li id="ref-(\d+)"', html))
    assert markers and markers == listed
    sources = {row["id"]: row["url"] for row in read_rows("sources")}
    flatcar = [row for row in read_rows("distro_features")
               if row["distro"] == "flatcar"]  # fmt: skip
    for row in flatcar:
        assert f'href="{sources[row["source"]]}"' in unescape(html)


def test_lineage_neighbours_link_to_their_pages(site) -> None:
    html = page(site, "distros/flatcar")
    assert 'href="../coreos-container-linux/"' in html


def test_edit_and_report_links(site) -> None:
    html = page(site, "distros/talos")
    assert f'href="{REPO_URL}/edit/main/data/distros.csv"' in html
    name = quote(f"Wrong fact: {next(d['name'] for d in DISTROS if d['id'] == 'talos')}", safe="")
    assert f"{REPO_URL}/issues/new?template=wrong-fact.yml&title={name}&distro=talos" in unescape(html)


def test_the_comparison_links_every_known_cell_to_its_source(site) -> None:
    html = page(site, "compare").split("<tbody>")[1].split("</tbody>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", html)
    assert len(rows) == len(COMPARED)
    linked = len(re.findall(r'<a class="kb-value kb-(?:yes|no|partial|optional)" href="https://', html))
    unknown = html.count('class="kb-value kb-unknown"')
    features = sum(1 for _ in read_rows("features"))
    assert linked + unknown == len(COMPARED) * features and linked > unknown


def test_the_chooser_is_in_the_top_navigation(site) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="choose/" class="md-tabs__link">\s*Choose', home)
    assert '<script type="application/json" id="kb-chooser-data">' in page(site, "choose")


def test_downloads_are_the_data_files(site) -> None:
    for csv_file in DATA.glob("*.csv"):
        assert (site / "data" / csv_file.name).read_bytes() == csv_file.read_bytes()
        rows = json.loads((site / "data" / f"{csv_file.stem}.json").read_text())
        assert len(rows) == len(read_rows(csv_file.stem))
    assert json.loads((site / "data" / "datapackage.json").read_text())["name"] == "container-os-kb"


def test_the_json_api(site) -> None:
    listing = json.loads((site / "api" / "distros.json").read_text())
    assert listing["count"] == len(DISTROS) == len(listing["distros"])
    for summary in listing["distros"]:
        document = json.loads((site / "api" / summary["api"]).read_text())
        assert document["distro"]["id"] == summary["id"]
        cited = {row["source"] for key in ("lineage", "runtimes", "features", "events") for row in document[key]}
        assert cited <= document["sources"].keys()
    flatcar = json.loads((site / "api" / "distros" / "flatcar.json").read_text())
    assert flatcar["distro"]["first_release"] == next(d["first_release"] for d in DISTROS if d["id"] == "flatcar")
    assert any(row["feature"] == "ignition" for row in flatcar["features"])
    assert "releases" in flatcar and "identifiers" in flatcar
    releases = json.loads((site / "api" / "releases.json").read_text())
    assert releases["count"] == len(read_rows("releases"))
    for path in (site / "api").rglob("*.json"):
        if "v1" not in path.relative_to(site / "api").parts:
            assert (site / "api" / "v1" / path.relative_to(site / "api")).read_bytes() == path.read_bytes()


def test_reference_pages_are_generated(site) -> None:
    errors = page(site, "reference/errors")
    assert all(f"<code>{code}</code>" in errors for code in CATALOGUE)
    schema = unescape(page(site, "reference/schema"))
    for resource in read_package(DATA).resources:
        assert all(f"<code>{field.name}</code>" in schema for field in resource.fields)


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_pages_show_their_findings(site, notebook) -> None:
    html = page(site, f"notebooks/{notebook}")
    assert "Findings" in html and 'id="altair-viz-' in html
    assert "Traceback" not in html and "application/vnd.jupyter.stderr" not in html  # no errors, no warnings
    assert '<style type="text/css">' not in html  # the JupyterLab CSS is shared, not inlined


class ResourceLinks(HTMLParser):
    """Collects the URLs that make a browser fetch something: scripts, stylesheets, images, frames."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("script", "img", "iframe", "source") and attributes.get("src"):
            self.urls.append(attributes["src"])
        if tag == "link" and attributes.get("href") and "preconnect" in (attributes.get("rel") or "") + "stylesheet":
            self.urls.append(attributes["href"])


def test_no_page_loads_anything_from_another_host(site) -> None:
    pages = list(site.rglob("*.html"))
    assert len(pages) > len(DISTROS)
    for html in pages:
        parser = ResourceLinks()
        parser.feed(html.read_text(encoding="utf-8"))
        external = [url for url in parser.urls if re.match(r"(https?:)?//", url)]
        assert not external, f"{html}: {external}"


@pytest.mark.slow  # runs mkdocs build
def test_the_build_fails_closed_on_invalid_data(tmp_path) -> None:
    data = build_package(tmp_path / "data", "unknown-reference")
    result = build_site(tmp_path / "site", KB_DATA=str(data))
    assert result.returncode != 0
    assert "distros.csv:3:3: unknown-reference" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.slow
def test_a_changed_csv_row_is_published_not_stale(site, tmp_path) -> None:
    # Rebuild with the warm caches of the first build (notebook runs and mkdocs-jupyter pages) and a
    # one-row change: the notebooks must run again and the pages show the new value.
    cache = tmp_path / "cache"
    shutil.copytree(ROOT / ".cache", cache)
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    distros = (data / "distros.csv").read_text(encoding="utf-8")
    (data / "distros.csv").write_text(distros.replace(",Talos Linux,", ",Talos Linux Renamed,"), encoding="utf-8")
    result = build_site(tmp_path / "site", KB_DATA=str(data), KB_CACHE=str(cache))
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Talos Linux Renamed" not in page(site, "notebooks/02-timeline")
    assert "Talos Linux Renamed" in page(tmp_path / "site", "distros/talos")
    for notebook in ("01-lineage", "02-timeline", "07-data-quality"):
        assert "Talos Linux Renamed" in page(tmp_path / "site", f"notebooks/{notebook}")


def test_a_build_cache_tracked_by_git_fails_the_build(tmp_path) -> None:
    from mkdocs.exceptions import PluginError

    from kb.site.plugin import _refuse_tracked_cache

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    cache = tmp_path / ".cache"
    (cache / "vega").mkdir(parents=True)
    (cache / "vega" / "vega-bundle-1.9.0.js").write_text("window.kbPwned = 1;")
    _refuse_tracked_cache(tmp_path, cache)  # present but untracked: the build's own work
    subprocess.run(["git", "-C", str(tmp_path), "add", "-f", ".cache"], check=True)
    with pytest.raises(PluginError, match=r"git tracks 1 file\(s\) in the build cache, such as .cache/vega"):
        _refuse_tracked_cache(tmp_path, cache)


def test_reference_lists_and_the_matrix_stay_out_of_search(site) -> None:
    """Readers search for systems and features, not for the titles of sources: the reference lists
    and the comparison matrix (which repeats the distribution pages) are not indexed."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert not [doc["location"] for doc in docs if "; accessed 20" in doc["text"]]
    compare = " ".join(doc["text"] for doc in docs if doc["location"].startswith("compare/"))
    assert "Talos Linux" not in compare and "Every distribution against every feature" in compare
    flatcar = (site / "distros" / "flatcar" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<ol class="kb-references[^>]*><li id="ref-1">.*?; accessed 20', flatcar)  # still shown


def test_table_cells_stay_words_apart_in_search(site) -> None:
    """The search index keeps a table's text without its tags: cells must not run into one word
    ("StatusActiveKindkubernetes"), or the words at their edges cannot be found."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    pages = [doc["text"] for doc in docs if re.fullmatch(r"distros/[^/#]+/", doc["location"])]
    features = [doc["text"] for doc in docs if re.fullmatch(r"distros/[^/#]+/#features", doc["location"])]
    assert len(pages) > 60 and len(features) > 40
    assert all(re.search(r"\bStatus (Active|Maintenance only|Discontinued)\b", text) for text in pages)  # the infobox
    assert all(re.search(r"\bFeature Category (Value|Had) Detail\b", text) for text in features)
