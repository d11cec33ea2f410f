"""The built site in headless Chromium, served under a sub-path with every other host cut off:
every page loads without a request leaving 127.0.0.1 and without errors, every chart draws, the
chooser responds, search finds Flatcar, the comparison filters, and charts stay readable in the
dark palette."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]  # fmt: skip
PREFIX = "/container-os-kb/"  # as on a GitHub Pages project site
CHART_TIMEOUT = 10_000


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site below PREFIX only, quietly."""

    def translate_path(self, path: str) -> str:
        route = urlsplit(path).path
        if not route.startswith(PREFIX):
            return str(Path(self.directory) / "__outside__")
        return super().translate_path("/" + route[len(PREFIX) :])

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(site):
    handler = functools.partial(SubPathHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("the browser tests need Debian's chromium: apt-get install -y chromium")
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


class Visit:
    """One page opened in a fresh context, with requests to other hosts blocked and recorded."""

    def __init__(self, browser, url: str) -> None:
        self.context = browser.new_context(service_workers="block")
        self.page = self.context.new_page()
        self.external: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(url, wait_until="load")

    def _route(self, route) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort("blockedbyclient")

    def charts_drawn(self) -> tuple[int, int]:
        """(charts, drawn) once every chart container holds a drawing, or the timeout passed."""
        containers = self.page.locator(".vega-embed")
        total = containers.count()
        if total:
            self.page.wait_for_function(
                "n => document.querySelectorAll('.vega-embed svg.marks, .vega-embed canvas.marks').length >= n",
                arg=total,
                timeout=CHART_TIMEOUT,
            )
        return total, self.page.locator(".vega-embed svg.marks, .vega-embed canvas.marks").count()

    def charts_described(self) -> int:
        """How many charts carry their description as an accessible label."""
        return self.page.locator(".vega-embed").evaluate_all(
            "charts => charts.filter(c => (c.querySelector('[aria-label]')?.getAttribute('aria-label') || '')"
            ".length > 40).length"
        )

    def close(self) -> None:
        self.context.close()


def test_every_page_loads_offline_and_draws_its_charts(site, base_url, browser) -> None:
    problems, charts = [], 0
    pages = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html") if path.name != "404.html")
    for path in pages:
        visit = Visit(browser, base_url + path.removesuffix("index.html"))
        total, drawn = visit.charts_drawn()
        described = visit.charts_described()
        charts += total
        if visit.external or visit.errors or drawn < total or described < total:
            problems.append(
                (path, visit.external[:3], visit.errors[:3], f"{drawn}/{total} drawn, {described} described")
            )
        visit.close()
    assert not problems
    assert charts >= 2 * len(list((site / "notebooks").iterdir()))


def grey_bars(page) -> int:
    return page.locator('.vega-embed svg.marks path[fill="#DDDDDD"]').count()


def test_the_chooser_responds_to_its_checkboxes(base_url, browser) -> None:
    visit = Visit(browser, base_url + "notebooks/06-chooser/")
    visit.charts_drawn()
    page = visit.page
    before = grey_bars(page)
    page.locator("label", has_text="Still supported").locator("input[type=checkbox]").check()
    page.wait_for_function(f"() => document.querySelectorAll('svg.marks path[fill=\"#DDDDDD\"]').length > {before}")
    after_active = grey_bars(page)
    page.locator("label", has_text="SELinux").locator("input[type=checkbox]").check()
    page.wait_for_function(
        f"() => document.querySelectorAll('svg.marks path[fill=\"#DDDDDD\"]').length > {after_active}"
    )
    assert before < after_active < grey_bars(page)
    assert not visit.errors
    visit.close()


def test_search_finds_flatcar(base_url, browser) -> None:
    visit = Visit(browser, base_url)
    page = visit.page
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").fill("Flatcar")
    result = page.locator(".md-search-result__item", has_text="Flatcar").first
    result.wait_for(timeout=10_000)
    assert "Flatcar" in result.inner_text()
    visit.close()


def test_the_comparison_filters_and_sorts(base_url, browser) -> None:
    visit = Visit(browser, base_url + "compare/")
    page = visit.page
    rows = page.locator("table.kb-compare tbody tr")
    total = rows.count()
    page.locator("input.kb-filter").fill("talos")
    assert page.locator("table.kb-compare tbody tr:not([hidden])").count() == 1 < total
    page.locator("input.kb-filter").fill("")
    page.locator("table.kb-compare thead th").first.click()
    page.locator("table.kb-compare thead th").first.click()
    first = rows.first.locator("td").first.inner_text()
    last = rows.last.locator("td").first.inner_text()
    assert first.lower() > last.lower()  # descending after the second click
    visit.close()


def test_charts_keep_a_white_background_in_the_dark_palette(base_url, browser) -> None:
    visit = Visit(browser, base_url)
    page = visit.page
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    visit.charts_drawn()
    backgrounds = page.locator(".vega-embed svg.marks").evaluate_all(
        "charts => charts.map(chart => getComputedStyle(chart).backgroundColor)"
    )
    assert backgrounds and set(backgrounds) == {"rgb(255, 255, 255)"}
    visit.close()
