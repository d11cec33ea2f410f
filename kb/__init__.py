"""Container OS Knowledge Base: load, validate and analyse the data package.

``kb.load()`` gives the tables as pandas DataFrames; ``kb.validate()`` checks the files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["DataError", "Issue", "Report", "load", "validate"]

if TYPE_CHECKING:
    from kb.frames import DataError, load
    from kb.validation import Issue, Report, validate

# Where each public name lives. Imported on first use: pandas costs most of a second, and
# ``kb validate`` never needs it.
_HOMES = {"load": "kb.frames", "DataError": "kb.frames", "validate": "kb.validation", "Issue": "kb.validation",
          "Report": "kb.validation"}  # fmt: skip


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'kb' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_HOMES[name]), name)
