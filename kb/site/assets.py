"""Scripts the pages need, shipped with the site: Vega, Vega-Lite and vega-embed in one bundle
from vl-convert, loaded in <head> before any chart's inline script runs."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import tinycss2

from kb.site.cache import KeyedCache, digest

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

    def build() -> str:
        import vl_convert

        return vl_convert.javascript_bundle()

    text = KeyedCache(cache, ".js").text("vega-bundle", metadata.version("vl-convert-python"), build)
    return VEGA_PATH.format(digest=digest(text)), text


def vega_head(bundle_url: str, cache: Path) -> str:
    """Script tags for <head>: the bundle, and the versions Altair's inline loader checks, so that
    it uses the bundle instead of fetching the libraries from a CDN."""
    debug = ", ".join(f'"{key}": "{value}"' for key, value in _altair_versions(cache).items())
    return f'<script src="{bundle_url}"></script><script>var VEGA_DEBUG = {{{debug}}};</script>'


def _altair_versions(cache: Path) -> dict[str, str]:
    """The library versions Altair's charts ask for, remembered per Altair release (importing
    Altair costs seconds on a rebuild that draws no new chart)."""

    def ask() -> str:
        import altair as alt

        return json.dumps({"vega_version": alt.VEGA_VERSION, "vegalite_version": alt.VEGALITE_VERSION,
                           "vegaembed_version": alt.VEGAEMBED_VERSION})  # fmt: skip

    return json.loads(KeyedCache(cache, ".json").text("altair", metadata.version("altair"), ask))


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
        path = JUPYTER_CSS.format(digest=digest(css))
        self.css[path] = css
        self.classes |= {name for names in CLASS_ATTRIBUTE.findall(html) for name in names.split()}
        html = NOTEBOOK_STYLE.sub("", html)
        return html.replace("</head>", f'<link rel="stylesheet" href="{relative(path)}"></head>', 1)

    def write(self, site_dir: Path, kept: KeyedCache) -> None:
        """Write each shared stylesheet, pruned to the classes in use (kept, as pruning takes a while)."""
        classes = " ".join(sorted(self.classes))
        for path, css in self.css.items():
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            pruned = kept.text(Path(path).stem, digest(css, classes), lambda css=css: self._pruned(css))
            target.write_text(pruned, encoding="utf-8")

    def _pruned(self, css: str) -> str:
        return "".join(_used(_rules(css), self.classes))


@dataclass(frozen=True)
class Rule:
    """A rule of a stylesheet: its ``text``, and the classes each of its selectors names (None for
    an at-rule, always kept); a block (@media, @supports) has its opening as ``text`` and its rules
    as ``inner``."""

    text: str
    selectors: tuple[frozenset[str], ...] | None
    inner: tuple[Rule, ...] = ()


@functools.lru_cache(maxsize=2)
def _rules(css: str) -> tuple[Rule, ...]:
    """The rules of ``css``, parsed once per server: parsing takes most of the pruning's time, and
    each rebuild with another set of classes prunes the same stylesheet again."""
    return _parse(css)


def _parse(css: str) -> tuple[Rule, ...]:
    rules = []
    for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True):
        if rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
            opening = f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}"
            rules.append(Rule(opening, (), _parse(tinycss2.serialize(rule.content))))
        elif rule.type == "at-rule":
            rules.append(Rule(tinycss2.serialize([rule]), None))
        elif rule.type == "qualified-rule":
            selectors = tinycss2.serialize(rule.prelude).split(",")
            named = tuple(frozenset(CLASS_SELECTOR.findall(selector)) for selector in selectors)
            rules.append(Rule(tinycss2.serialize([rule]), named))
    return tuple(rules)


def _used(rules: tuple[Rule, ...], classes: set[str]) -> list[str]:
    """The rules that can match: some selector names only classes in ``classes``."""
    kept = []
    for rule in rules:
        if rule.inner:
            if inner := _used(rule.inner, classes):
                kept.append(f"{rule.text}{{{''.join(inner)}}}")
        elif rule.selectors is None or any(named <= classes for named in rule.selectors):
            kept.append(rule.text)
    return kept
