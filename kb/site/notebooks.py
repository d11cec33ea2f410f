"""Executing the notebooks for the site, cached on everything their output depends on.

mkdocs-jupyter's own cache keys on the notebook file alone, so a changed CSV would publish stale
charts. Here the key covers the notebook's source, the data files it reads, the kb package's code and
the build's today (``fingerprint``). A notebook declares the tables it reads (``TABLES = (...)``,
passed to ``kb.load``, which then offers no other), so a change to another table does not run it
again. Execution happens with nbclient, each kernel told that today through $KB_TODAY, and a
failing cell fails the build.
"""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import os
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import kb
from kb.csvfile import write_text
from kb.dates import TODAY
from kb.schema import DATA_VARIABLE, DESCRIPTOR, Package
from kb.site.cache import KeyedCache
from kb.site.stable import stabilize

KERNEL = "python3"
LIBRARIES = ("altair", "pandas", "networkx", "vl-convert-python", "nbconvert", "mkdocs-jupyter")
TIMEOUT = 300


class NotebookFailed(RuntimeError):
    """A cell raised while the notebook ran."""


@dataclass(frozen=True)
class Fingerprint:
    """What generated output depends on: ``code`` (the kb package, the libraries, Python and the day
    counted as today) and a digest of each data file, by resource name (and the descriptor)."""

    code: str
    files: tuple[tuple[str, str], ...]

    def of(self, tables: Iterable[str] | None = None) -> str:
        """The digest for output drawn from ``tables`` (default: every table)."""
        wanted = None if tables is None else {DESCRIPTOR, *tables}
        digest = hashlib.sha256(self.code.encode())
        for name, file_digest in self.files:
            if wanted is None or name in wanted:
                digest.update(f"{name}:{file_digest};".encode())
        return digest.hexdigest()[:20]


def fingerprint(package: Package, today: dt.date) -> Fingerprint:
    """The fingerprint of this build: the code, the versions and today, and each data file."""
    versions = [today.isoformat(), kb.__version__, sys.version, *(metadata.version(name) for name in LIBRARIES)]
    code = hashlib.sha256(" ".join(versions).encode())
    package_code = Path(kb.__file__).parent
    for file in sorted(package_code.rglob("*.py")):
        code.update(file.relative_to(package_code).as_posix().encode() + b"\0" + file.read_bytes())
    files = [(DESCRIPTOR, (package.root / DESCRIPTOR).read_bytes())]
    files += [(resource.name, package.path(resource).read_bytes()) for resource in package.resources]
    return Fingerprint(code.hexdigest(), tuple((name, hashlib.sha256(data).hexdigest()) for name, data in files))


def declared_tables(notebook: Path) -> tuple[str, ...] | None:
    """The tables ``notebook`` declares it reads (a top-level ``TABLES = (...)``), or None for all."""
    for node in ast.parse(notebook.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(target, "id", "") == "TABLES" for target in node.targets):
            return tuple(ast.literal_eval(node.value))
    return None


def cache_key(notebook: Path, fingerprint: Fingerprint) -> str:
    """The notebook's source with the fingerprint of what it reads: what fixes its outputs."""
    return hashlib.sha256(notebook.read_bytes() + fingerprint.of(declared_tables(notebook)).encode()).hexdigest()[:20]


def runs(cache: Path) -> KeyedCache:
    """The executed notebooks kept in ``cache``, one per notebook."""
    return KeyedCache(cache, ".ipynb")


def executed_path(notebook: Path, fingerprint: Fingerprint, cache: Path) -> Path:
    """Where the run of ``notebook`` on the data with ``fingerprint`` is kept."""
    return runs(cache).path(notebook.stem, cache_key(notebook, fingerprint))


def execute_all(
    notebooks: list[Path], fingerprint: Fingerprint, cache: Path, today: dt.date, data: Path
) -> dict[Path, Path]:
    """Run the notebooks whose key has no cached result, in parallel, as of ``today``; return each
    notebook's executed .ipynb. Raises NotebookFailed naming the first notebook that failed."""
    cache.mkdir(parents=True, exist_ok=True)
    kept, keys = runs(cache), {notebook: cache_key(notebook, fingerprint) for notebook in notebooks}
    results = {notebook: kept.path(notebook.stem, key) for notebook, key in keys.items()}
    stale = [(notebook, target) for notebook, target in results.items() if not target.exists()]
    if stale:
        # twice the cores: a kernel spends part of its start waiting, and three runs at once on two
        # cores end sooner than two rounds (measured: 7.3 s against 9.4 s)
        workers = min(len(stale), 2 * (os.cpu_count() or 1))
        with ProcessPoolExecutor(workers) as pool:
            outcomes = pool.map(_execute, *zip(*stale, strict=True), [today] * len(stale), [data] * len(stale))
            errors = [error for error in outcomes if error]
        if errors:
            raise NotebookFailed("\n\n".join(errors))
    for notebook, key in keys.items():
        kept.keep(notebook.stem, key)
    return results


def _execute(notebook: Path, target: Path, today: dt.date, data: Path) -> str | None:
    """Execute one notebook into ``target``; return an error text instead of raising across processes."""
    import jupytext
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    document = jupytext.read(notebook)
    client = NotebookClient(
        document,
        kernel_name=KERNEL,
        timeout=TIMEOUT,
        allow_errors=False,
        extra_arguments=["--log-level=ERROR"],  # silence the kernel's harmless TCP transport warning
        resources={"metadata": {"path": str(notebook.parent)}},
        record_timing=False,  # no timestamps: two runs on the same data give the same file
    )
    try:
        # the build's one data folder and one today, passed on to the kernel
        client.execute(env=os.environ | {TODAY: today.isoformat(), DATA_VARIABLE: str(data.resolve())})
    except CellExecutionError as error:
        return f"{notebook}: a cell failed:\n{error}"
    stabilize(document, notebook.stem)
    write_text(target, nbformat.writes(document))
    return None
