"""kb.site.assets.NotebookStyles: the JupyterLab stylesheet that notebook pages share keeps only
the rules that can match a class the pages use, whatever the pages used in an earlier build."""

from __future__ import annotations

from pathlib import Path

from kb.site.assets import NotebookStyles
from kb.site.cache import KeyedCache

CSS = (
    ".a{color:red}.b .c{color:blue}@font-face{font-family:x}"
    "@media (min-width:1px){.a,.z{margin:0}.z{padding:0}}.z{top:0}"
)


def shared(classes: str, site: Path, cache: Path) -> str:
    """The shared stylesheet written for one notebook page that uses ``classes``."""
    styles = NotebookStyles()
    page = f'<html><head><style type="text/css">{CSS}</style></head><body><div class="{classes}"></div></body></html>'
    linked = styles.share(page, lambda path: path)
    assert "<style" not in linked and 'rel="stylesheet"' in linked
    styles.write(site, KeyedCache(cache, ".css"))
    (written,) = (site / "assets" / "notebook").iterdir()
    return written.read_text(encoding="utf-8")


def test_only_rules_whose_classes_a_page_uses_are_kept(tmp_path: Path) -> None:
    assert shared("a", tmp_path / "one", tmp_path / "cache") == (
        ".a{color:red}@font-face{font-family:x}@media (min-width:1px){.a,.z{margin:0}}"
    )
    # another build, other classes: the same stylesheet pruned anew, not the earlier result
    assert shared("b c z", tmp_path / "two", tmp_path / "cache") == (
        ".b .c{color:blue}@font-face{font-family:x}@media (min-width:1px){.a,.z{margin:0}.z{padding:0}}.z{top:0}"
    )
    # ".b .c" needs both classes
    assert shared("b", tmp_path / "three", tmp_path / "cache") == "@font-face{font-family:x}"
