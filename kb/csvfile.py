"""The canonical CSV form every data file is written in: UTF-8, LF line ends, minimal quoting."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path


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


def write_text(path: Path, text: str) -> None:
    """Replace a file's text atomically: a reader never sees half a file. Undecodable bytes read
    with surrogateescape are written back unchanged."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8", newline="", errors="surrogateescape")
    temporary.replace(path)
