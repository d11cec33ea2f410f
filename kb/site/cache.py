"""A folder of generated files kept under the key of what produced them.

Each file is named ``<name>-<key><suffix>``: a new key makes a new file, and ``keep`` removes the
files of the same name made under other keys, so the folder holds one result per name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kb.csvfile import write_text


@dataclass(frozen=True)
class KeyedCache:
    """Results of one kind (``suffix``) in ``folder``, one per name and key."""

    folder: Path
    suffix: str

    def path(self, name: str, key: str) -> Path:
        """Where the result of ``name`` under ``key`` is kept."""
        return self.folder / f"{name}-{key}{self.suffix}"

    def latest(self, name: str) -> Path | None:
        """The most recently written result of ``name``, whatever its key."""
        kept = sorted(self.folder.glob(f"{name}-*{self.suffix}"), key=lambda path: path.stat().st_mtime)
        return kept[-1] if kept else None

    def keep(self, name: str, key: str) -> None:
        """Remove every result of ``name`` made under another key."""
        current = self.path(name, key)
        for old in self.folder.glob(f"{name}-*{self.suffix}"):
            if old != current:
                old.unlink()

    def write(self, name: str, key: str, text: str) -> Path:
        """Keep ``text`` as the one result of ``name``, under ``key``."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path(name, key)
        write_text(target, text)
        self.keep(name, key)
        return target

    def text(self, name: str, key: str, make: Callable[[], str]) -> str:
        """The kept text of ``name`` under ``key``; ``make`` makes it (and it is kept) when there is none."""
        kept = self.path(name, key)
        if kept.exists():
            return kept.read_text(encoding="utf-8")
        made = make()
        self.write(name, key, made)
        return made


def digest(*parts: str) -> str:
    """A short key for what a result is made from."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:20]
