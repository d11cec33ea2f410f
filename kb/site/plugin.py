"""The MkDocs plugin that turns the data package into pages.

List it before mkdocs-jupyter: it validates the data (an invalid package fails the build), runs
the notebooks with a data-aware cache and hands their executed copies to mkdocs-jupyter, and adds
the generated pages, downloads, API files and shared assets.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import altair as alt
import pandas as pd
from altair.utils.html import spec_to_html
from mkdocs.config import base
from mkdocs.config import config_options as option
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from kb import charts
from kb.report import render
from kb.schema import DESCRIPTOR
from kb.site import api, assets, pages
from kb.site.context import Site
from kb.site.notebooks import NotebookFailed, execute_all
from kb.validate import validate

MARKER = re.compile(r"<!-- kb:(\w+)(?: (\w+))? -->")


class KnowledgeBaseConfig(base.Config):
    data_dir = option.Type(str, default="data")
    notebooks_dir = option.Type(str, default="notebooks")
    cache_dir = option.Type(str, default=".cache")
    contributing_file = option.Type(str, default="CONTRIBUTING.md")


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    """Generates the knowledge base's pages; see the module docstring."""

    def on_config(self, config):
        self.root = Path(config.config_file_path).resolve().parent
        self.data = self.root / self.config.data_dir
        self.cache = self.root / self.config.cache_dir
        report = validate(self.data)
        if not report.ok:
            raise PluginError("the data package is invalid; the site is not built.\n" + render(report))
        repo_url = (config.extra.get("repository") or "").rstrip("/") or None
        self.site = Site(report, repo_url=repo_url, today=pd.Timestamp.today().normalize())
        return config

    def on_serve(self, server, config, builder):
        for folder in (self.data, self.root / self.config.notebooks_dir, self.root / "kb"):
            server.watch(str(folder))
        return server

    def on_pre_build(self, config) -> None:
        self.styles = assets.NotebookStyles()

    def on_post_build(self, config) -> None:
        self.styles.write(Path(config.site_dir))

    def on_files(self, files: Files, config) -> Files:
        for path, content in self._generated().items():
            files.append(File.generated(config, path, content=content))
        for download in [*sorted(self.data.glob("*.csv")), self.data / DESCRIPTOR]:
            files.append(File.generated(config, f"data/{download.name}", abs_src_path=str(download)))
        self.vega_path, bundle = assets.vega_bundle(self.cache / "vega")
        files.append(File.generated(config, self.vega_path, content=bundle))
        contributing = self.root / self.config.contributing_file
        if contributing.exists():
            files.append(File.generated(config, "contributing.md", content=contributing.read_text(encoding="utf-8")))
        for file in self._notebook_files(config):
            files.append(file)
        return files

    def _generated(self) -> dict[str, str]:
        site = self.site
        generated = {f"{pages.distro_url(d)[:-1]}.md": pages.distro_page(site, d) for d in site.distros.index}
        generated |= {
            "distros/index.md": pages.distro_index(site),
            "compare.md": pages.compare_page(site),
            "reference/schema.md": pages.schema_page(site),
            "reference/errors.md": pages.errors_page(),
            "data.md": pages.data_page(site),
        }
        generated |= api.table_documents(site) | api.distro_documents(site)
        return generated

    def _notebook_files(self, config) -> list[File]:
        """Execute the notebooks (or reuse cached runs) and stage the executed copies as pages."""
        notebooks = sorted((self.root / self.config.notebooks_dir).glob("*.py"))
        try:
            executed = execute_all(notebooks, self.data, self.cache / "notebooks")
        except NotebookFailed as error:
            raise PluginError(str(error)) from None
        stage = self.cache / "pages"
        shutil.rmtree(stage, ignore_errors=True)
        (stage / "notebooks").mkdir(parents=True)
        files = []
        for notebook, result in executed.items():
            target = stage / "notebooks" / f"{notebook.stem}.ipynb"
            shutil.copyfile(result, target)
            files.append(File(f"notebooks/{target.name}", str(stage), config.site_dir, config.use_directory_urls))
        return files

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        return MARKER.sub(lambda match: self._marker(match.group(1), match.group(2)), markdown)

    def _marker(self, kind: str, name: str | None) -> str:
        site = self.site
        if kind == "counts":
            return pages.counts(site)
        if kind == "chart" and name in HOME_CHARTS:
            chart = HOME_CHARTS[name](site)
            return spec_to_html(
                chart.to_dict(),
                mode="vega-lite",
                vega_version=alt.VEGA_VERSION,
                vegaembed_version=alt.VEGAEMBED_VERSION,
                vegalite_version=alt.VEGALITE_VERSION,
                template="universal",
                fullhtml=False,
                output_div=f"altair-viz-{name}",
                embed_options=charts.EMBED_OPTIONS,
            )
        raise PluginError(f"unknown marker <!-- kb:{kind} {name or ''} -->")

    def on_post_page(self, output: str, page, config) -> str:
        def relative(path: str) -> str:
            return get_relative_url(path, page.url)

        output = self.styles.share(output, relative)
        if assets.has_charts(output):
            output = output.replace("</head>", assets.vega_head(relative(self.vega_path)) + "</head>", 1)
        return output


HOME_CHARTS = {
    "lineage": lambda site: charts.lineage_timeline(site.graph, site.today, pages.acquisitions(site)),
    "lifespans": lambda site: charts.lifespans(site.tables["distros"], site.today),
    "active": lambda site: charts.active_per_year(site.tables["distros"], site.today),
}
