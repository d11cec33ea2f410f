"""kb.present: report tables and findings never turn a data value into markup."""

from __future__ import annotations

import markdown
import pandas as pd

from kb import present

HOSTILE = '<img src=x onerror=alert(1)> [click](javascript:alert(1)) & "q"'


def test_findings_escape_html_and_markdown_links() -> None:
    shown = present.findings("rule", f"a {present.esc(HOSTILE)}", present.names([HOSTILE, "B"])).data
    rendered = markdown.markdown(shown)
    assert "<img" not in rendered and "<a " not in rendered and "href" not in rendered
    assert "&#60;img" in rendered  # shown as text


def test_table_escapes_links_names_and_keeps_integers() -> None:
    frame = pd.DataFrame(
        {"distro": ['x"><script>'], "name": [HOSTILE], "rows": [829.0], "share": [0.25], "empty": [None]}
    )
    html = present.table(frame, percent=("share",)).data
    assert "<img" not in html and "<script>" not in html
    assert 'href="../../distros/x%22%3E%3Cscript%3E/"' in html
    assert ">829<" in html and "829.0" not in html and ">25%<" in html and ">—<" in html
    assert "<th>distro</th>" not in html  # the id column becomes the link
    assert "index" not in html
