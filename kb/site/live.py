"""Notebook runs under ``mkdocs serve``: a data edit reaches the notebook pages in seconds.

Between edits, kernels are started ahead and warmed, one at a time (``kb.site.kernels``). When a
build finds notebooks whose data changed, and they fit in one round of runs at once, each on a warm
kernel, it runs them before it makes the pages: a warm run takes about a second. Otherwise (an edit
that many notebooks read, or kernels still warming) the build shows their previous runs, marked as
updating, so that the pages the edit changes appear at once; the notebooks then run in a background
thread, and the file that the server watches is touched, so that it rebuilds with the new runs. A
notebook that failed is not run again on the same data: its page keeps the previous run, marked as
failed."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from kb.site.kernels import WarmKernels
from kb.site.notebooks import AT_ONCE, Build, NotebookFailed

log = logging.getLogger("mkdocs.plugins.kb")


class LiveRuns:
    """The background runs of one ``mkdocs serve`` session: ``trigger`` is the file the server watches,
    ``size`` the number of kernels kept warm."""

    def __init__(self, trigger: Path, size: int) -> None:
        self.trigger, self.size = trigger, size
        self.lock = threading.RLock()  # between a build and the end of a batch of runs
        self.batch_over = True
        self.updating: set[Path] = set()  # notebooks shown with their previous run, to run again
        self.failed: set[Path] = set()  # the runs that failed: not tried again
        self._kernels: tuple[tuple[str, Path], WarmKernels] | None = None  # under their code, today and data

    def choose(self, build: Build) -> dict[Path, Path]:
        """The previous runs that this build shows, of the notebooks that have no run on its data.

        When the notebooks to run fit in one round of runs at once, each on a warm kernel, they run
        now, in this build; the previous runs are then shown only for those that failed."""
        with self.lock:
            behind = build.behind()
            fresh = sorted(n for n in behind if build.current(n) not in self.failed)
            kernels = self.kernels(build)
            if fresh and self.batch_over and len(fresh) <= min(kernels.ready(), AT_ONCE):
                self._run(build, fresh, kernels)
                behind, fresh = build.behind(), []
            self.updating = set(fresh)
        return behind

    def state(self, build: Build, notebook: Path) -> str:
        """What the page of a notebook that shows its previous run says: "Updating" or "Failed"."""
        return "Failed" if build.current(notebook) in self.failed else "Updating"

    def after(self, build: Build) -> None:
        """Once a build is over, run the notebooks it showed as updating (unless a batch is under
        way: its end brings a rebuild, which comes back here), or else warm kernels for the next edit."""
        with self.lock:
            if not self.batch_over:
                return
            batch, kernels = sorted(self.updating), self.kernels(build)
            if not batch:
                kernels.fill()
                return
            self.batch_over = False

        def run() -> None:
            try:
                self._run(build, batch, kernels)
            finally:
                with self.lock:
                    self.batch_over = True
                    self.trigger.touch()

        threading.Thread(target=run, name="kb-notebooks", daemon=True).start()

    def _run(self, build: Build, notebooks: list[Path], kernels: WarmKernels) -> None:
        """Run ``notebooks`` on ``kernels``; a run that fails is not tried again on the same data."""
        try:
            build.execute(notebooks, kernels)
        except NotebookFailed as error:
            log.error("a notebook failed on the changed data; its page shows the previous run:\n%s", error)
        finally:
            with self.lock:
                self.failed |= {build.current(n) for n in notebooks if not build.current(n).exists()}

    def close(self) -> None:
        """Shut the warm kernels down."""
        if self._kernels:
            self._kernels[1].close()

    def kernels(self, build: Build) -> WarmKernels:
        """The warm kernels for this build's code, today and data (those of another are shut down)."""
        key = (build.fingerprint.code, build.data)
        if self._kernels is None or self._kernels[0] != key:
            self.close()
            self._kernels = (key, build.kernels(self.size))
        return self._kernels[1]
