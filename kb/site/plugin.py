"""The MkDocs plugin that turns the data package into pages.

List it before mkdocs-jupyter: it validates the data (an invalid package fails the build), runs
the notebooks with a data-aware cache and hands their executed copies to mkdocs-jupyter, and adds
the generated pages, downloads, API files and shared assets.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
from mkdocs.config import base
from mkdocs.config import config_options as option
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from kb import dates
from kb.schema import DESCRIPTOR
from kb.site import api, assets, chooser, compare, feeds, figures, home, notebook_page, pages, rawhtml
from kb.site.cache import KeyedCache, digest
from kb.site.context import Site
from kb.site.live import LiveRuns
from kb.site.notebooks import Build, NotebookFailed, fingerprint
from kb.validation import validate
from kb.validation.render import render

log = logging.getLogger("mkdocs.plugins.kb")
MARKER = re.compile(r"<!-- kb:(\w+)(?: (\w+))? -->")
# CONTRIBUTING links the repository's files; on the site the same links lead to the pages made from them.
OVERVIEWS, OVERVIEW_BOOST = ("compare.md", "choose.md"), 0.2  # measured: topic pages lead for rpm-ostree, Ignition
# the banner on a notebook page that shows its previous run, under mkdocs serve
PREVIOUS_RUN = {
    "Updating": "The data changed: this notebook is running again, and the page reloads when it is done.",
    "Failed": "A cell failed on the changed data (the server's log says which): this is the previous run.",
}
SITE_PAGES = {"kb/validation/catalogue.py": "reference/errors.md", "data/datapackage.json": "reference/schema.md"}


class KnowledgeBaseConfig(base.Config):
    data_dir = option.Type(str, default="data")
    notebooks_dir = option.Type(str, default="notebooks")
    cache_dir = option.Type(str, default=".cache")
    contributing_file = option.Type(str, default="CONTRIBUTING.md")
    # kernels kept started under mkdocs serve, about 145 MB each; by default one per notebook
    warm_kernels = option.Optional(option.Type(int))


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    """Generates the knowledge base's pages; see the module docstring."""

    def on_config(self, config):
        self.root = Path(config.config_file_path).resolve().parent
        self.data = self.root / self.config.data_dir
        self.cache = self.root / self.config.cache_dir
        if jupyter := config.plugins.get("mkdocs-jupyter"):  # its pages too, not in the working directory's
            jupyter.config["cache_dir"] = str(self.cache / "mkdocs-jupyter")
        try:
            self.today = dates.today()  # one today for the checks, the pages, the charts and the notebooks
        except ValueError as error:
            raise PluginError(str(error)) from None
        report = validate(self.data, self.today)
        if not report.ok:
            raise PluginError("the data package is invalid; the site is not built.\n" + render(report))
        _refuse_tracked_cache(self.root, self.cache)
        repo_url = (config.extra.get("repository") or "").rstrip("/") or None
        self.site = Site(report, repo_url=repo_url, today=pd.Timestamp(self.today))
        self.fingerprint = fingerprint(report.package, self.today)
        folder = self.root / self.config.notebooks_dir
        self.build = Build(folder, self.fingerprint, self.cache / "notebooks", self.today, self.data)
        if self.serving:
            warm = self.config.warm_kernels
            self.live = self.live or LiveRuns(self.build.trigger, len(self.build.notebooks) if warm is None else warm)
        return config

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.live: LiveRuns | None = None

    def on_shutdown(self) -> None:
        if self.live:
            self.live.close()

    def on_serve(self, server, config, builder):
        # Not kb/: the plugin itself is loaded once, so a code change needs a restart anyway, and the
        # kernels' bytecode files written there would trigger rebuilds of their own.
        trigger = self.build.trigger
        trigger.parent.mkdir(parents=True, exist_ok=True)
        trigger.touch()
        for watched in (self.data, self.build.folder, trigger):
            server.watch(str(watched))
        return server

    def kept(self, kind: str, suffix: str) -> KeyedCache:
        """The build cache's folder of results of one ``kind``."""
        return KeyedCache(self.cache / kind, suffix)

    def on_pre_build(self, config) -> None:
        self.styles = assets.NotebookStyles()

    def on_post_build(self, config) -> None:
        self.styles.write(Path(config.site_dir), self.kept("styles", ".css"))
        if self.live:  # after the build, so that the runs do not slow it down
            self.live.after(self.build)

    def on_files(self, files: Files, config) -> Files:
        generated = self._generated()
        # each page made from the data, and its raw HTML while Markdown converts it (kb.site.rawhtml)
        self.lifted: dict[str, list[str] | None] = dict.fromkeys(path for path in generated if path.endswith(".md"))
        for path, content in (generated | feeds.documents(self.site, self.data, config.site_url)).items():
            files.append(File.generated(config, path, content=content))
        package = self.site.package  # only the files the descriptor names, which validation checked
        for download in [*(package.path(resource) for resource in package.resources), self.data / DESCRIPTOR]:
            files.append(File.generated(config, f"data/{download.name}", abs_src_path=str(download)))
        self.vega_path, bundle = assets.vega_bundle(self.cache / "vega")
        files.append(File.generated(config, self.vega_path, content=bundle))
        contributing = self.root / self.config.contributing_file
        if contributing.exists():
            text = _site_links(contributing.read_text(encoding="utf-8"))
            files.append(File.generated(config, "contributing.md", content=text))
        for file in self._notebook_files(config):
            files.append(file)
        return files

    def _generated(self) -> dict[str, str]:
        """The pages and API documents made from the data, kept under the fingerprint and the repository
        their edit links name."""
        key = digest(self.fingerprint.of(), self.site.repo_url or "")
        return json.loads(self.kept("generated", ".json").text("pages", key, lambda: json.dumps(self._make_pages())))

    def _make_pages(self) -> dict[str, str]:
        site = self.site
        generated = {f"{pages.distro_url(d)[:-1]}.md": pages.distro_page(site, d) for d in site.distros.index}
        generated |= {
            "distros/index.md": pages.distro_index(site),
            "compare.md": compare.compare_page(site),
            "choose.md": chooser.chooser_page(site),
            "reference/schema.md": pages.schema_page(site),
            "reference/errors.md": pages.errors_page(),
            "data.md": pages.data_page(site),
        }
        generated |= api.table_documents(site) | api.versioned(api.distro_documents(site))
        return generated

    def _notebook_files(self, config) -> list[File]:
        """Stage each notebook's run on this build's data as a page, running those that have none.

        Under ``mkdocs serve``, the notebooks whose data changed may instead be staged with their
        previous run, marked as updating, and run once the build is over (``kb.site.live``)."""
        build = self.build
        previous = self.live.choose(build) if self.live else {}
        fresh = [notebook for notebook in build.notebooks if notebook not in previous]
        try:
            executed = previous | build.execute(fresh, self.live.kernels(build) if self.live else None)
        except NotebookFailed as error:
            raise PluginError(str(error)) from None
        build.prune(fresh)
        stage = self.cache / "pages" / "notebooks"
        shutil.rmtree(stage.parent, ignore_errors=True)
        stage.mkdir(parents=True)
        self.previous_runs = {f"notebooks/{n.stem}.ipynb": self.live.state(build, n) for n in previous}
        for notebook, result in executed.items():
            shutil.copyfile(result, stage / f"{notebook.stem}.ipynb")
        pages = sorted(f"notebooks/{notebook.stem}.ipynb" for notebook in executed)
        return [File(page, str(stage.parent), config.site_dir, config.use_directory_urls) for page in pages]

    def on_page_content(self, html: str, page, config, files) -> str:
        if blocks := self.lifted.get(page.file.src_uri):
            html = rawhtml.restore(html, blocks)
        html = figures.wrap_charts(html, get_relative_url("data/", page.url))
        if page.file.src_uri in OVERVIEWS:
            # every feature and distribution is named on these pages: in search they follow the pages about one
            page.meta.setdefault("search", {}).setdefault("boost", OVERVIEW_BOOST)
        if not (page.file.src_uri.startswith("notebooks/") and page.file.src_uri.endswith(".ipynb")):
            return html
        html = self.kept("reports", ".html").text(
            page.file.name, digest(self.fingerprint.code, html), lambda: notebook_page.as_report(html)
        )
        # A notebook is the report on one topic across every distribution: in search it comes
        # before the single table row of each distro page that names the topic.
        page.meta.setdefault("search", {}).setdefault("boost", notebook_page.SEARCH_BOOST)
        state = self.previous_runs.get(page.file.src_uri)
        if state is None:
            return html
        return (
            f'<div class="admonition warning"><p class="admonition-title">{state}</p><p>{PREVIOUS_RUN[state]}</p></div>'
            + html
        )

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if page.file.src_uri in self.lifted:  # a page made from the data: escaped values, no markers
            markdown, self.lifted[page.file.src_uri] = rawhtml.lift(markdown)
            return markdown
        return MARKER.sub(lambda match: self._marker(match.group(1), match.group(2)), markdown)

    def _marker(self, kind: str, name: str | None) -> str:
        site = self.site
        if kind == "counts":
            return home.counts(site)
        if kind == "chart" and name in home.CHARTS:
            # building a chart imports altair: seconds saved on a warm rebuild
            return self.kept("charts", ".html").text(name, self.fingerprint.of(), lambda: home.chart_html(name, site))
        raise PluginError(f"unknown marker <!-- kb:{kind} {name or ''} -->")

    def on_post_page(self, output: str, page, config) -> str:
        def relative(path: str) -> str:
            return get_relative_url(path, page.url)

        output = self.styles.share(output, relative)
        output = feeds.head_links(output, page.file.src_uri, relative, self.site.names)
        if assets.has_charts(output):
            output = output.replace(
                "</head>", assets.vega_head(relative(self.vega_path), self.cache / "vega") + "</head>", 1
            )
        return output


def _refuse_tracked_cache(root: Path, cache: Path) -> None:
    """Fail when git tracks a file in the build cache: cached runs and scripts are published as they
    are, so they must come from this build's own work, never from the repository."""
    try:
        listed = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--", str(cache)], capture_output=True, check=False
        )
    except OSError:  # no git: nothing can be tracked
        return
    tracked = [name for name in listed.stdout.decode(errors="replace").split("\0") if name]
    if listed.returncode == 0 and tracked:
        raise PluginError(
            f"git tracks {len(tracked)} file(s) in the build cache, such as {tracked[0]}; a cache is never taken "
            f"from the repository. Remove them with: git rm -r --cached -- {cache}"
        )


def _site_links(markdown: str) -> str:
    """CONTRIBUTING's links to repository files, pointed at the site pages generated from them."""
    for path, page in SITE_PAGES.items():
        markdown = markdown.replace(f"]({path})", f"]({page})")
    return markdown
