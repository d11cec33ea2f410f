"""kb.site.rawhtml: lifting a generated page's raw HTML out of Python-Markdown changes no byte of
what the page becomes."""

from __future__ import annotations

import markdown
import pandas as pd
import pytest
from conftest import DATA, ROOT
from mkdocs.config import load_config

from kb import dates
from kb.site import rawhtml
from kb.site.context import Site
from kb.site.plugin import KnowledgeBasePlugin
from kb.validation import validate


def test_a_block_comes_back_where_it_was_and_markdown_stays_markdown() -> None:
    page = '# Title\n\n<table class="t"><tr><td>*a*</td></tr></table>\n\nSome *text*\n\n<span>inline</span>\n'
    lifted, blocks = rawhtml.lift(page)
    assert blocks == ['<table class="t"><tr><td>*a*</td></tr></table>']
    assert "<table" not in lifted and "<span>inline</span>" in lifted  # an inline tag is Markdown's to wrap
    html = rawhtml.restore(markdown.markdown(lifted), blocks)
    assert html == markdown.markdown(page)


@pytest.mark.slow  # makes and converts every generated page twice
def test_every_generated_page_converts_to_the_same_bytes_with_its_html_lifted() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))

    def convert(text: str) -> str:
        converter = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        return converter.convert(text)

    plugin = KnowledgeBasePlugin()
    today = dates.today()
    plugin.site = Site(validate(DATA, today), repo_url="https://github.com/example/kb", today=pd.Timestamp(today))
    generated = {path: page for path, page in plugin._make_pages().items() if path.endswith(".md")}
    assert len(generated) > 60
    lifted = 0
    for path, page in generated.items():
        text, blocks = rawhtml.lift(page)
        lifted += sum(map(len, blocks))
        assert rawhtml.restore(convert(text), blocks) == convert(page), path
    assert lifted > 0.9 * sum(map(len, generated.values()))  # Markdown is left the headings and some prose
