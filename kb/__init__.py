"""Container OS Knowledge Base: load, validate and analyse the data package.

``kb.load()`` gives the tables as pandas DataFrames; ``kb.validate()`` checks the files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["DataError", "load", "validate"]

if TYPE_CHECKING:
    from kb.frames import DataError, load
    from kb.validate import validate


def __getattr__(name: str):
    # pandas costs most of a second to import: only load it when frames are asked for.
    if name in ("load", "DataError"):
        from kb import frames

        return getattr(frames, name)
    if name == "validate":
        from kb.validate import validate

        return validate
    raise AttributeError(name)
