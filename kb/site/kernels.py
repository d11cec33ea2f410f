"""Warm kernels for ``mkdocs serve``: started ahead, with the libraries already imported.

Starting a kernel and importing the libraries takes most of a notebook's run (pandas, altair and
kb about 2 s; lifelines, which the timeline alone needs, 3 s more); a kernel started ahead, with
all of them imported, runs a notebook whose data changed in about a second. The warm-up runs
silently and outside the history, so execution counts still start at 1 and a warm run writes the
same file as a cold one. Each kernel serves one run and is then shut down: no state passes between
notebooks. Kernels are warmed one at a time, so that warming never takes more than one core from
the server.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from jupyter_client.manager import KernelManager

from kb.dates import TODAY
from kb.schema import DATA_VARIABLE

KERNEL = "python3"
QUIET = ["--log-level=ERROR"]  # silences the kernel's harmless TCP transport warning
WARM_UP = "import altair, networkx, pandas, kb, kb.charts"  # what every notebook imports
# a kernel started ahead also imports what only some notebook needs (the timeline's survival estimate)
AHEAD = WARM_UP + ", lifelines"
READY_TIMEOUT = 60


class WarmKernels:
    """Up to ``size`` kernels started ahead for notebooks in ``folder``, as of ``today``, on ``data``."""

    def __init__(self, size: int, folder: Path, today: dt.date, data: Path) -> None:
        self.size, self.folder = size, folder
        self.env = os.environ | {TODAY: today.isoformat(), DATA_VARIABLE: str(data.resolve())}  # the build's
        self._starter = ThreadPoolExecutor(1, thread_name_prefix="kb-kernel")
        self._ready: deque[Future[KernelManager]] = deque()

    def fill(self) -> None:
        """Start warming kernels until ``size`` are ready or on their way."""
        while len(self._ready) < self.size:
            self._ready.append(self._starter.submit(self._start, AHEAD))

    def ready(self) -> int:
        """How many kernels are warm and waiting."""
        return sum(kernel.done() and not kernel.cancelled() for kernel in self._ready)

    def take(self) -> KernelManager:
        """A kernel for one run, which the caller shuts down: the next warm one (waiting for it if it
        is warming), or else one started now."""
        try:
            kernel = self._ready.popleft()  # taken by one thread only, though several may ask at once
        except IndexError:
            return self._start(WARM_UP)
        return self._start(WARM_UP) if kernel.cancel() else kernel.result()  # cancelled: it was not warming yet

    def close(self) -> None:
        """Shut down every kernel not taken."""
        while self._ready:
            kernel = self._ready.popleft()
            if not kernel.cancel():
                kernel.result().shutdown_kernel(now=True)
        self._starter.shutdown()

    def _start(self, warm_up: str) -> KernelManager:
        kernel = KernelManager(kernel_name=KERNEL)
        kernel.start_kernel(env=self.env, cwd=str(self.folder), extra_arguments=QUIET)
        client = kernel.client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=READY_TIMEOUT)
            client.execute_interactive(warm_up, silent=True, store_history=False, timeout=READY_TIMEOUT)
        finally:
            client.stop_channels()
        return kernel
