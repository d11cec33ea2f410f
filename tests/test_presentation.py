"""Presentation steps of the site build on small inputs: charts become captioned figures, code
folds away, and executed notebooks get stable ids."""

from __future__ import annotations

import json
import uuid

import nbformat

from kb.escaping import text
from kb.site.figures import wrap_charts
from kb.site.notebook_page import as_report
from kb.site.stable import stabilize

SPEC = {"title": {"text": "Lifespans <b>"}, "description": "Bars of 3 distributions & more, one per row."}


def chart(element: str, options: dict | None = None) -> str:
    arguments = f"{json.dumps(SPEC)}, {json.dumps(options or {'mode': 'vega-lite'})}"
    script = f"\n  (function(spec, embedOpt){{}})({arguments});\n"
    return f'<div id="{element}"></div>\n<script type="text/javascript">{script}</script>'


def test_a_chart_becomes_a_focusable_captioned_figure_without_the_actions_menu() -> None:
    html = wrap_charts("<p>Before</p>" + chart("altair-viz-1"), "../../data/")
    assert html.startswith('<p>Before</p><figure class="kb-chart"><div class="kb-chart-frame" tabindex="0"')
    assert f'aria-label="Chart: {text("Lifespans <b>")}" aria-describedby="altair-viz-1-caption"' in html
    assert f'<figcaption class="kb-chart-caption" id="altair-viz-1-caption">{text(SPEC["description"])} ' in html
    assert '<a href="../../data/">' in html
    assert '{"mode": "vega-lite", "actions": false}' in html


def test_a_chart_whose_script_cannot_be_read_keeps_a_generic_name() -> None:
    html = wrap_charts('<div id="altair-viz-x"></div><script type="text/javascript">broken(</script>', "data/")
    assert 'aria-label="Chart: untitled"' in html and "broken(" in html


NOTEBOOK_HTML = """<div class="jp-Cell jp-MarkdownCell"><div class="jp-Cell-inputWrapper">
<h2 id="t">T<a class="anchor-link" href="#t">¶</a></h2><p>Prose</p></div></div>
<div class="jp-Cell jp-CodeCell"><div class="jp-Cell-inputWrapper"><pre>x = 1</pre></div>
<div class="jp-OutputArea"><div class="jp-OutputPrompt">Out[1]:</div><div class="jp-OutputArea-output">
<table class="dataframe"><tr><td>1</td></tr></table></div></div></div>"""


def test_code_cells_fold_and_leave_the_search_index() -> None:
    html = as_report(NOTEBOOK_HTML)
    assert html.count("<details") == 1
    assert '<details class="kb-code" data-search-exclude="code"><summary>' in html
    assert html.index("<details") < html.index("x = 1") < html.index("</details>")
    assert "<p>Prose</p>" in html and "Prose" not in html[html.index("<details") :]
    assert "Out[1]:" not in html
    assert '<table class="dataframe" data-search-exclude="data">' in html
    assert '<a class="headerlink" href="#t" title="Permanent link">' in html


def test_executed_notebooks_get_stable_ids() -> None:
    def executed():
        document = nbformat.v4.new_notebook()
        document.cells = [nbformat.v4.new_markdown_cell("# T"), nbformat.v4.new_code_cell("chart")]
        random = f"altair-viz-{uuid.uuid4().hex}"  # as Altair names a chart
        html = f'<div id="{random}"></div><script>document.getElementById("{random}")</script>'
        document.cells[1].outputs = [nbformat.v4.new_output("execute_result", {"text/html": html})]
        stabilize(document, "04-security")
        return document

    first, second = executed(), executed()
    assert [cell.id for cell in first.cells] == [cell.id for cell in second.cells]
    assert len({cell.id for cell in first.cells}) == 2
    assert first.cells[1].outputs == second.cells[1].outputs
    assert first.cells[1].outputs[0]["data"]["text/html"].count("altair-viz-04-security-1") == 2
    nbformat.validate(first)
