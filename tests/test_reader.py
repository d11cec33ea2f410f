"""The reader's site in headless Chromium: notebook pages read as reports (code folded), no page
scrolls sideways on a phone and charts keep their size there, no serious accessibility violation
in either colour scheme, charts reachable by keyboard, and search putting the right page first."""

from __future__ import annotations

import pytest

pytest.importorskip("playwright.sync_api")
from axe_playwright_python.sync_playwright import Axe
from browsing import Visit, site_pages
from conftest import ROOT, read_rows

pytestmark = pytest.mark.browser
NOTEBOOKS = sorted(f"notebooks/{path.stem}/" for path in (ROOT / "notebooks").glob("*.py"))
OSTREE = tuple(
    f"distros/{row['distro']}/"
    for row in read_rows("distro_features")
    if (row["feature"], row["value"]) == ("ostree", "yes")
)
PHONE = 390
TALLEST_CHART = 2_500
MAX_CODE_SHARE = 0.10
# Charts whose height comes from kb/charts.py: one bar row per distro and runtime, unbounded.

VISIBLE_CODE = """() => {
  const code = Array.from(document.querySelectorAll('.jupyter-wrapper .jp-InputArea-editor'))
    .filter(element => element.checkVisibility());
  const height = code.reduce((sum, element) => sum + element.getBoundingClientRect().height, 0);
  return height / document.documentElement.scrollHeight;
}"""


@pytest.mark.parametrize("page", NOTEBOOKS)
def test_notebook_code_is_folded_away(base_url, browser, page) -> None:
    visit = Visit(browser, base_url + page)
    visit.charts_drawn()
    share = visit.page.evaluate(VISIBLE_CODE)
    folded = visit.page.locator("details.kb-code")
    assert folded.count() > 0 and share <= MAX_CODE_SHARE
    folded.first.locator("summary").click()  # one click shows the code
    assert visit.page.evaluate(VISIBLE_CODE) > share
    visit.close()


def test_no_page_scrolls_sideways_on_a_phone(site, base_url, browser) -> None:
    wide = {}
    for page in site_pages(site):
        visit = Visit(browser, base_url + page, width=PHONE)
        visit.charts_drawn()
        width = visit.page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE:
            wide[page] = width
        visit.close()
    assert not wide


@pytest.mark.parametrize("page", ["", *NOTEBOOKS])
def test_charts_keep_their_size_on_a_phone(base_url, browser, page) -> None:
    """A chart is drawn at its own size and scrolls sideways in its frame, never scaled down."""
    visit = Visit(browser, base_url + page, width=PHONE)
    visit.charts_drawn()
    scales = visit.page.locator(".kb-chart-frame svg.marks").evaluate_all(
        "charts => charts.map(svg => svg.getBoundingClientRect().width / svg.width.baseVal.value)"
    )
    frames = visit.page.locator(".kb-chart-frame").evaluate_all(
        "frames => frames.map(f => getComputedStyle(f).overflowX)"
    )
    assert scales and all(abs(scale - 1) < 0.01 for scale in scales)
    assert set(frames) == {"auto"}
    visit.close()


@pytest.mark.parametrize("page", ["", *NOTEBOOKS])
def test_no_chart_is_taller_than_a_few_screens(base_url, browser, page) -> None:
    visit = Visit(browser, base_url + page)
    visit.charts_drawn()
    heights = visit.page.locator("svg.marks").evaluate_all("c => c.map(svg => svg.getBoundingClientRect().height)")
    assert heights and max(heights) < TALLEST_CHART
    visit.close()


def serious_violations(page) -> list[tuple[str, str]]:
    """axe-core's serious and critical violations on ``page``: (rule, first element)."""
    results = Axe().run(page).response
    return [
        (violation["id"], str(violation["nodes"][0]["target"]))
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violation_on_any_page(site, base_url, browser, scheme) -> None:
    problems = {}
    for page in site_pages(site):
        visit = Visit(browser, base_url + page, scheme=scheme)
        visit.charts_drawn()
        expected = "slate" if scheme == "dark" else "default"
        assert visit.page.locator("body").get_attribute("data-md-color-scheme") == expected
        if found := serious_violations(visit.page):
            problems[page] = found
        visit.close()
    assert not problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_search_dialog_is_named_and_accessible(base_url, browser, scheme) -> None:
    visit = Visit(browser, base_url, scheme=scheme)
    page = visit.page
    results = search(page, "Flatcar")
    assert results
    assert page.get_by_role("dialog", name="Search").count() == 1
    assert not serious_violations(page)
    visit.close()


def test_charts_are_reachable_by_keyboard_and_described(base_url, browser) -> None:
    visit = Visit(browser, base_url + "notebooks/04-security/")
    page = visit.page
    visit.charts_drawn()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('kb-chart-frame')"):
            break
    frame = page.locator(".kb-chart-frame:focus")
    assert frame.count() == 1
    assert frame.get_attribute("aria-label").startswith("Chart: ")
    outline = frame.evaluate("f => getComputedStyle(f).outlineStyle")
    assert outline != "none"
    caption = page.locator("#" + frame.get_attribute("aria-describedby"))
    assert len(caption.inner_text()) > 40
    assert caption.locator("a").get_attribute("href") == "../../data/"
    visit.close()


# Material's search worker has loaded the index when the dialog stops saying "Initializing search".
SEARCH_READY = "() => !/Initializing/i.test(document.querySelector('.md-search-result__meta').textContent)"


def search(page, query: str) -> list[str]:
    """Type ``query`` into Material's search; the result links, best first, once they are shown."""
    page.wait_for_function(SEARCH_READY)
    page.locator('label.md-header__button[for="__search"]:visible, input.md-search__input:visible').first.click()
    field = page.locator("input.md-search__input")
    field.fill(query)
    field.press("End")  # Material searches on keyup, which fill() alone does not send
    page.wait_for_function(
        "() => document.querySelectorAll('.md-search-result__item').length > 0"
        " && /match/i.test(document.querySelector('.md-search-result__meta').textContent)"
    )
    return page.locator(".md-search-result__item > a").evaluate_all("links => links.map(a => a.href)")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELinux", ("notebooks/04-security/", "compare/")),
        ("rpm-ostree", (*OSTREE, "notebooks/05-updates-provisioning/")),
        ("Ignition", ("notebooks/05-updates-provisioning/", "distros/fedora-coreos/")),
        ("Flatcar", ("distros/flatcar/",)),
    ],
)  # fmt: skip
def test_search_puts_the_most_relevant_page_first(base_url, browser, query, expected) -> None:
    visit = Visit(browser, base_url)
    results = search(visit.page, query)
    first = results[0].removeprefix(base_url).split("#")[0].split("?")[0]
    assert first in expected, results[:5]
    visit.close()


def test_search_snippets_show_prose_not_code(base_url, browser) -> None:
    visit = Visit(browser, base_url)
    search(visit.page, "jaccard")
    snippets = visit.page.locator(".md-search-result__item").all_inner_texts()
    assert snippets and not any("Copied!" in text or "In [" in text for text in snippets)
    visit.close()
