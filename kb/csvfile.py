"""The canonical CSV form every data file is written in (UTF-8, LF line ends, minimal quoting), and
the one safe way to write it: under the data folder's lock, through a new temporary file, never
through a symlink."""

from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

TEMPORARY_SUFFIX = ".kb-tmp"
LOCK_WAIT = 60.0


class WriteRefused(OSError):
    """A write that would be unsafe: a symlink, or a lock another writer holds too long."""


def to_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """The canonical text of a table."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """Write a table in canonical form, atomically."""
    write_text(path, to_text(header, rows))


@contextlib.contextmanager
def locked(root: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the data folder's write lock (a lock on its datapackage.json) while changing its files.

    Concurrent writers wait their turn, up to ``wait`` seconds, so that none loses another's row.
    Temporary files a crashed writer left behind are removed once the lock is held.
    """
    descriptor = root / "datapackage.json"
    _refuse_symlink(root)
    _refuse_symlink(descriptor)
    handle = os.open(descriptor, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise WriteRefused(
                        f"{root}: another kb command has been writing for {wait:.0f} s; try again"
                    ) from None
                time.sleep(0.05)
        for leftover in root.glob(f".*{TEMPORARY_SUFFIX}"):
            leftover.unlink()
        yield
    finally:
        os.close(handle)


def write_text(path: Path, text: str) -> None:
    """Replace a file's text atomically, through a temporary file created exclusively beside it.

    A reader never sees half a file; a symlink is never written through, nor replaced. Undecodable
    bytes read with surrogateescape are written back unchanged. Call it under ``locked``.
    """
    _refuse_symlink(path)
    handle, temporary = _exclusive_temporary(path)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="", errors="surrogateescape") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _exclusive_temporary(path: Path) -> tuple[int, str]:
    """A new file beside ``path``, created with O_EXCL under a fresh name: never an existing path."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    for _ in range(100):
        name = path.with_name(f".{path.name}.{os.urandom(6).hex()}{TEMPORARY_SUFFIX}")
        try:
            return os.open(name, flags, 0o644), str(name)
        except FileExistsError:
            continue
    raise WriteRefused(f"{path}: no free temporary name beside it")


def _refuse_symlink(path: Path) -> None:
    if path.is_symlink():
        raise WriteRefused(f"{path} is a symbolic link; kb writes only real files inside the data folder")
