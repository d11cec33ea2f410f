"""Notebook pages that read as reports: each code cell folds behind "Show code" (a <details>
element, so it works without JavaScript) and stays out of the search index, as do raw DataFrame
tables; output prompts go, and headings get the theme's permalinks."""

from __future__ import annotations

from bs4 import BeautifulSoup

SEARCH_BOOST = 12  # measured: enough for the topic report to lead (SELinux, Ignition), never a title match


def as_report(html: str) -> str:
    """The HTML of a notebook converted by mkdocs-jupyter, its code folded away."""
    soup = BeautifulSoup(html, "html.parser")
    for code in soup.select(".jp-CodeCell .jp-Cell-inputWrapper"):
        # Material's search skips a block marked data-search-exclude; <details> nests no other
        # <details> here, which its parser needs to find the end of the block.
        details = soup.new_tag("details", attrs={"class": "kb-code", "data-search-exclude": "code"})
        summary = soup.new_tag("summary")
        for css, label in (("kb-when-closed", "Show code"), ("kb-when-open", "Hide code")):
            span = soup.new_tag("span", attrs={"class": css})
            span.string = label
            summary.append(span)
        code.wrap(details)
        details.insert(0, summary)
    for dump in soup.select(".jp-OutputArea-output table"):  # raw DataFrames: data, not prose to search
        dump["data-search-exclude"] = "data"
    for prompt in soup.select(".jp-OutputPrompt"):
        prompt.clear()
    for anchor in soup.select("a.anchor-link"):  # the theme's own permalinks, which search leaves out
        anchor.attrs.update({"class": "headerlink", "title": "Permanent link"})
    return str(soup)
