"""Scripts the pages need, shipped with the site: Vega, Vega-Lite and vega-embed in one bundle
from vl-convert, loaded in <head> before any chart's inline script runs."""

from __future__ import annotations

import hashlib
import json
import re
from importlib import metadata
from pathlib import Path

import tinycss2

VEGA_PATH = "assets/vega/vega-bundle.{digest}.js"
JUPYTER_CSS = "assets/notebook/jupyter.{digest}.css"

# The inline stylesheets mkdocs-jupyter repeats in every notebook page (about 600 KB of JupyterLab CSS).
NOTEBOOK_STYLE = re.compile(r'<style type="text/css">(.*?)</style>', re.DOTALL)
# nbconvert's MathJax loader points at a CDN; the notebooks hold no mathematics.
MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.DOTALL)
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
CLASS_SELECTOR = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")


def vega_bundle(cache: Path) -> tuple[str, str]:
    """The site path and text of the Vega bundle, built once per vl-convert version."""
    stored = cache / f"vega-bundle-{metadata.version('vl-convert-python')}.js"
    if not stored.exists():
        import vl_convert

        cache.mkdir(parents=True, exist_ok=True)
        stored.write_text(vl_convert.javascript_bundle(), encoding="utf-8")
    text = stored.read_text(encoding="utf-8")
    return VEGA_PATH.format(digest=_digest(text)), text


def vega_head(bundle_url: str, cache: Path) -> str:
    """Script tags for <head>: the bundle, and the versions Altair's inline loader checks, so that
    it uses the bundle instead of fetching the libraries from a CDN."""
    debug = ", ".join(f'"{key}": "{value}"' for key, value in _altair_versions(cache).items())
    return f'<script src="{bundle_url}"></script><script>var VEGA_DEBUG = {{{debug}}};</script>'


def _altair_versions(cache: Path) -> dict[str, str]:
    """The library versions Altair's charts ask for, remembered per Altair release (importing
    Altair costs seconds on a rebuild that draws no new chart)."""
    stored = cache / f"altair-{metadata.version('altair')}.json"
    if not stored.exists():
        import altair as alt

        cache.mkdir(parents=True, exist_ok=True)
        versions = {"vega_version": alt.VEGA_VERSION, "vegalite_version": alt.VEGALITE_VERSION,
                    "vegaembed_version": alt.VEGAEMBED_VERSION}  # fmt: skip
        stored.write_text(json.dumps(versions), encoding="utf-8")
    return json.loads(stored.read_text(encoding="utf-8"))


def has_charts(html: str) -> bool:
    return 'id="altair-viz-' in html


class NotebookStyles:
    """The JupyterLab stylesheets that mkdocs-jupyter inlines in every notebook page, served once.

    Each page's inline copy is replaced by a link; after the build, the shared file is written with
    only the rules whose classes occur in some notebook page (about a quarter of the 600 KB)."""

    def __init__(self) -> None:
        self.css: dict[str, str] = {}
        self.classes: set[str] = set()

    def share(self, html: str, relative) -> str:
        """Link the page to the shared stylesheet instead of inlining it; drop the CDN MathJax loader.
        ``relative`` maps a site path to a URL relative to the page."""
        html = MATHJAX.sub("", html)
        styles = NOTEBOOK_STYLE.findall(html)
        if not styles:
            return html
        css = "\n".join(styles)
        path = JUPYTER_CSS.format(digest=_digest(css))
        self.css[path] = css
        self.classes |= {name for names in CLASS_ATTRIBUTE.findall(html) for name in names.split()}
        html = NOTEBOOK_STYLE.sub("", html)
        return html.replace("</head>", f'<link rel="stylesheet" href="{relative(path)}"></head>', 1)

    def write(self, site_dir: Path) -> None:
        for path, css in self.css.items():
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("".join(_used_rules(css, self.classes)), encoding="utf-8")


def _used_rules(css: str, classes: set[str]) -> list[str]:
    """The rules of ``css`` that can match: some selector names only classes in ``classes``."""
    kept = []
    for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True):
        if rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
            inner = _used_rules(tinycss2.serialize(rule.content), classes)
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "at-rule" or (rule.type == "qualified-rule" and _matches(rule, classes)):
            kept.append(tinycss2.serialize([rule]))
    return kept


def _matches(rule, classes: set[str]) -> bool:
    selectors = tinycss2.serialize(rule.prelude).split(",")
    return any(set(CLASS_SELECTOR.findall(selector)) <= classes for selector in selectors)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:10]
