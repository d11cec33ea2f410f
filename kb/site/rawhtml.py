"""The raw HTML of generated pages, kept out of Python-Markdown's way.

A generated page is Markdown headings around blocks of finished HTML (tables, lists, infoboxes).
Python-Markdown passes such blocks through unchanged, but it parses them to find where they end:
1.3 s of the 1.5 s it takes to convert the distribution pages. ``lift`` swaps each block for a
placeholder before the conversion and ``restore`` puts it back after, for the same page.
"""

from __future__ import annotations

import re

from markdown.util import BLOCK_LEVEL_ELEMENTS

PLACEHOLDER = "<!-- kb-lifted {} -->"
LIFTED = re.compile(r"<!-- kb-lifted (\d+) -->")
OPENING_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)")


def lift(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` with each paragraph that opens with a block-level tag (which Python-Markdown
    passes through as raw HTML) replaced by a placeholder, and those paragraphs, by number."""
    blocks: list[str] = []

    def placeholder(paragraph: str) -> str:
        tag = OPENING_TAG.match(paragraph)
        if not tag or tag.group(1).lower() not in BLOCK_LEVEL_ELEMENTS:
            return paragraph
        block = paragraph.rstrip("\n")  # a page's last line break stays Markdown's
        blocks.append(block)
        return PLACEHOLDER.format(len(blocks) - 1) + paragraph[len(block) :]

    return "\n\n".join(placeholder(paragraph) for paragraph in markdown.split("\n\n")), blocks


def restore(html: str, blocks: list[str]) -> str:
    """The HTML converted from a lifted page, with its blocks back in place."""
    return LIFTED.sub(lambda match: blocks[int(match.group(1))], html)
