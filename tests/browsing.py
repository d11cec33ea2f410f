"""Driving the built site in headless Chromium: a server for it under a sub-path, and one visit of
a page with every request to another host blocked and recorded."""

from __future__ import annotations

import http.server
import shutil
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]  # fmt: skip
PREFIX = "/container-os-kb/"  # as on a GitHub Pages project site
CHART_TIMEOUT = 10_000
DRAWN = ".vega-embed svg.marks, .vega-embed canvas.marks"


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site below PREFIX only, quietly."""

    def translate_path(self, path: str) -> str:
        route = urlsplit(path).path
        if not route.startswith(PREFIX):
            return str(Path(self.directory) / "__outside__")
        return super().translate_path("/" + route[len(PREFIX) :])

    def log_message(self, *args) -> None:
        pass


def site_pages(site: Path) -> list[str]:
    """Every page of the built site as a path below the site's root ("" for the home page)."""
    paths = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html") if path.name != "404.html")
    return [path.removesuffix("index.html") for path in paths]


class Visit:
    """One page opened in a fresh context, with requests to other hosts blocked and recorded.

    ``scheme`` is the colour scheme the browser prefers ("light" or "dark", which Material shows as
    its "slate" palette); ``width`` the viewport's width in CSS pixels."""

    def __init__(self, browser, url: str, scheme: str = "light", width: int = 1280) -> None:
        self.context = browser.new_context(
            service_workers="block", color_scheme=scheme, viewport={"width": width, "height": 900}
        )
        self.page = self.context.new_page()
        self.external: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(url, wait_until="load")

    def _route(self, route) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort("blockedbyclient")

    def charts_drawn(self) -> tuple[int, int]:
        """(charts, drawn) once every chart container holds a drawing, or the timeout passed."""
        containers = self.page.locator(".vega-embed")
        total = containers.count()
        if total:
            self.page.wait_for_function(
                f"n => document.querySelectorAll('{DRAWN}').length >= n", arg=total, timeout=CHART_TIMEOUT
            )
        return total, self.page.locator(DRAWN).count()

    def charts_described(self) -> int:
        """How many charts carry their description as an accessible label."""
        return self.page.locator(".vega-embed").evaluate_all(
            "charts => charts.filter(c => (c.querySelector('[aria-label]')?.getAttribute('aria-label') || '')"
            ".length > 40).length"
        )

    def close(self) -> None:
        self.context.close()
