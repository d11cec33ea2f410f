"""Reading datapackage.json into a Package, reporting what keeps it from being used."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kb.schema import DESCRIPTOR, Package, read_package
from kb.validation.catalogue import Issue, issue


def read_descriptor(root: Path) -> tuple[Package | None, list[Issue]]:
    """The package described in ``root``, or None and the issues that make the descriptor unusable."""
    where = str(root / DESCRIPTOR)
    try:
        return read_package(root), []
    except json.JSONDecodeError as error:
        return None, [issue(where, error.lineno, error.colno, "invalid-descriptor", error.msg)]
    except (KeyError, TypeError, AttributeError, ValueError, IndexError, re.error) as error:
        message = f"the descriptor does not follow the Data Package form ({type(error).__name__}: {error})"
        return None, [issue(where, 1, 1, "invalid-descriptor", message)]
