"""The built site in headless Chromium, served under a sub-path with every other host cut off:
every page loads without a request leaving 127.0.0.1 and without errors, every chart draws, the
chooser responds, search finds Flatcar, the comparison filters, and charts stay readable in the
dark palette."""

from __future__ import annotations

import pytest

pytest.importorskip("playwright.sync_api")
from browsing import Visit

pytestmark = pytest.mark.browser


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
