"""The escaping policy, context by context, against the payloads that once ran on this site."""

from __future__ import annotations

import json

import markdown
import pytest

from kb.escaping import ics_text, safe_url, script_json, text, xml_chars

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "[click](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "</title><script>alert(1)</script>",
    "*emphasis* `code` | cell | ~~gone~~",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_is_inert_in_markdown_lines_in_html_blocks_and_in_attributes(payload: str) -> None:
    for source in (
        f"A paragraph with {text(payload)} inside.",
        f"# {text(payload)}",
        f"| a | b |\n|---|---|\n| {text(payload)} | x |",
        f"<table><tr><td>{text(payload)}</td></tr></table>",
        f'<a href="https://example.org/" title="{text(payload)}">x</a>',
    ):
        html = markdown.markdown(source, extensions=["tables"])
        for dangerous in ("<script", "<img", "<svg", '="javascript', "<em>", "<code>", "<del>"):
            assert dangerous not in html, (source, html)


def test_text_shows_the_value_as_it_is() -> None:
    html = markdown.markdown(f"Name: {text('Acme <OS> & [friends] (2.0)_*')}")
    assert html == "<p>Name: Acme &#60;OS&#62; &#38; &#91;friends&#93; &#40;2.0&#41;&#95;&#42;</p>"
    assert text(None) == "" and text(float("nan")) == "" and text(3) == "3"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "\tjavascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "\x01javascript:alert(1)",
    ],
)
def test_script_urls_never_pass(url: str) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize(
    "url",
    ["https://example.org/a?b=c#d", "http://example.org/", "mailto:kb@example.org", "../distros/talos/", "#ref-1"],
)
def test_ordinary_urls_pass(url: str) -> None:
    assert safe_url(url) == url


def test_json_inside_a_script_cannot_end_it() -> None:
    value = {"name": "</script><script>alert(1)</script>", "line": "a\u2028b\u2029c", "amp": "&<>"}
    encoded = script_json(value)
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in encoded
    assert json.loads(encoded) == value


def test_icalendar_text_escapes_its_specials_and_drops_controls() -> None:
    assert ics_text("a\\b;c,d\r\ne\rf\ng\x00h\ti") == "a\\\\b\\;c\\,d\\ne\\nf\\ngh\ti"
    assert ics_text(None) == "" and ics_text(float("nan")) == ""


def test_xml_chars_drops_only_what_xml_cannot_carry() -> None:
    assert xml_chars("a\x00b\x1bc\td\r\ne\ufffe]]></x>") == "abc\td\r\ne]]></x>"  # the XML writer escapes the rest
