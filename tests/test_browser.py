"""The built site in headless Chromium, served under a sub-path with every other host cut off:
every page loads without a request leaving 127.0.0.1 and without errors, every chart draws, the
chooser responds, search finds Flatcar, the comparison filters, and charts stay readable in the
dark palette."""

from __future__ import annotations

import re

import pytest
from conftest import read_rows

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


def open_group_of(page, selector: str) -> None:
    """Open the folded group of chooser checkboxes that holds ``selector``."""
    group = page.locator(f"details.kb-choices:has({selector})")
    if not group.evaluate("element => element.open"):
        group.locator("summary").click()


def test_the_chooser_filters_explains_and_keeps_its_state_in_the_url(base_url, browser) -> None:
    visit = Visit(browser, base_url + "choose/")
    page = visit.page
    rows = page.locator("table.kb-choose-results tbody tr")
    total = rows.count()
    assert total > 10 and page.locator("tr.kb-fails").count() == 0  # nothing ticked: nobody fails
    for feature in ("selinux", "ab-partitions"):
        open_group_of(page, f"input[value={feature}]")
        page.locator(f"input[name=feature][value={feature}]").check()
    failing = page.locator("tr.kb-fails")
    meets = page.locator("tr.kb-meets").count()
    assert 0 < failing.count() < total and meets + failing.count() == total
    reason = failing.first.locator(".kb-verdict").inner_text()
    assert "fails on" in reason and ("SELinux" in reason or "A/B partitions" in reason)
    page.locator("input[name=only]").check()
    assert page.locator("table.kb-choose-results tbody tr:not([hidden])").count() == meets
    assert "feature=" in page.url and "selinux" in page.url and "only=1" in page.url
    page.reload()
    assert page.locator("input[name=feature][value=selinux]").is_checked()
    assert page.locator("input[name=only]").is_checked()
    assert page.locator("tr.kb-meets").count() == meets
    page.locator("input[name=only]").uncheck()
    link = rows.first.locator("td a").first
    name = link.inner_text()
    link.click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text().rstrip("¶") == name and "/distros/" in page.url
    assert not visit.errors
    visit.close()


RANKED = ("yes", "partial", "optional", "no", "unknown")
VALUE_OF_CELL = "cell => cell.querySelector('.kb-value').className.match(/kb-(yes|partial|optional|no|unknown)/)[1]"


def test_the_comparison_sorts_best_first_and_hides_inferred_values(base_url, browser) -> None:
    visit = Visit(browser, base_url + "compare/")
    page = visit.page
    headers = page.locator("table.kb-compare thead th")
    assert headers.count() == 2 + len(read_rows("features"))
    for column in range(2, headers.count()):
        headers.nth(column).click()
        cells = page.locator(f"table.kb-compare tbody tr td:nth-child({column + 1})")
        values = cells.evaluate_all(f"cells => cells.map({VALUE_OF_CELL})")
        assert values == sorted(values, key=RANKED.index), column
    assert len(set(values)) > 1
    inferred = page.locator('table.kb-compare .kb-cell[data-basis="inferred"] .kb-value')
    if not inferred.count():
        pytest.skip("no inferred value in the comparison")
    assert inferred.first.is_visible()
    page.locator("input.kb-hide-inferred-toggle").check()
    assert inferred.first.is_hidden()
    visit.close()


def test_every_comparison_column_can_be_scrolled_into_view(base_url, browser) -> None:
    visit = Visit(browser, base_url + "compare/")
    last = visit.page.locator("table.kb-compare thead th").last
    last.scroll_into_view_if_needed()
    box, frame = last.bounding_box(), visit.page.locator(".kb-matrix").bounding_box()
    assert box and frame and frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"] + 1
    visit.close()


def test_inferred_reasoning_opens_from_the_keyboard(base_url, browser) -> None:
    visit = Visit(browser, base_url + "compare/")
    page = visit.page
    cell = page.locator('table.kb-compare .kb-cell[data-basis="inferred"]').first
    if not cell.count():
        pytest.skip("no inferred value in the comparison")
    pages = [page.url, base_url + cell.locator("xpath=ancestor::tr//td[1]//a").get_attribute("href")[3:]]
    for url in pages:
        page.goto(url)
        marker = page.locator("details.kb-inferred").first
        summary = marker.locator("summary")
        assert summary.evaluate("element => element.tabIndex") >= 0  # in the tab order
        summary.focus()
        page.keyboard.press("Enter")
        assert marker.evaluate("element => element.open"), url
        assert marker.locator("span").inner_text().strip()
    visit.close()


CONTRAST = """() => {
  const rgb = color => color.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = color => {
    const [r, g, b] = rgb(color).map(c => c / 255).map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const probe = document.createElement("div");
  probe.style.background = "var(--md-default-bg-color)";
  document.body.append(probe);
  const background = luminance(getComputedStyle(probe).backgroundColor);
  const ratios = {};
  document.querySelectorAll(".kb-legend .kb-value").forEach(element => {
    const l = luminance(getComputedStyle(element).color);
    ratios[element.className] = (Math.max(l, background) + 0.05) / (Math.min(l, background) + 0.05);
  });
  return ratios;
}"""


def test_values_meet_aa_contrast_and_differ_in_both_schemes(base_url, browser) -> None:
    visit = Visit(browser, base_url + "compare/")
    page = visit.page
    for scheme in ("default", "slate"):
        if page.locator("body").get_attribute("data-md-color-scheme") != scheme:
            page.locator("form[data-md-component=palette] label:visible").first.click()
        assert page.locator("body").get_attribute("data-md-color-scheme") == scheme
        ratios = page.evaluate(CONTRAST)
        assert len(ratios) == len(RANKED) and min(ratios.values()) >= 4.5, (scheme, ratios)
        colours = page.locator(".kb-legend .kb-value").evaluate_all("els => els.map(e => getComputedStyle(e).color)")
        assert len(set(colours)) == len(RANKED), scheme  # yes and partial no longer share a colour
    icons = page.locator(".kb-legend .kb-value").evaluate_all("els => els.map(e => e.textContent.trim()[0])")
    assert len(set(icons)) == len(RANKED)  # a shape per value, not colour alone
    visit.close()


def test_the_chooser_fits_a_phone(base_url, browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    page = context.new_page()
    page.goto(base_url + "choose/")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    boxes = [page.locator(selector).bounding_box() for selector in ("form.kb-chooser", ".kb-choose-output")]
    assert boxes[0]["y"] + boxes[0]["height"] <= boxes[1]["y"]  # the controls stack above the results
    context.close()


def test_the_chooser_works_from_a_file_with_no_server(site, browser) -> None:
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((site / "choose" / "index.html").as_uri() + "#feature=selinux")
    assert page.locator("input[name=feature][value=selinux]").is_checked()
    assert re.match(r"\d+ of \d+ distributions meet every requirement", page.locator(".kb-choose-summary").inner_text())
    assert page.locator("tr.kb-fails").count() > 0
    assert not [error for error in errors if "search_index" not in error]  # Material's search needs a server
    context.close()
