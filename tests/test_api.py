"""The public API: the names ``import kb`` offers, and what validating costs to import."""

from __future__ import annotations

import json
import subprocess
import sys

import kb
from kb.validation import run

PUBLIC = ["DataError", "Issue", "Report", "load", "validate"]


def test_the_public_names() -> None:
    assert sorted(kb.__all__) == PUBLIC
    assert all(getattr(kb, name) is not None for name in PUBLIC)
    assert issubclass(kb.DataError, ValueError)


def test_validate_stays_a_function_after_load(valid_package) -> None:
    kb.load(valid_package)  # imports every module of the package
    assert kb.validate is run.validate
    assert kb.validate(valid_package).ok
    assert isinstance(kb.validate(valid_package), kb.Report)


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        kb.nonexistent  # noqa: B018
    except AttributeError as error:
        assert "nonexistent" in str(error)
    else:
        raise AssertionError("kb.nonexistent did not raise")


def test_validating_imports_no_pandas_networkx_or_altair(valid_package) -> None:
    script = (
        "import json, sys, kb\n"
        f"report = kb.validate({str(valid_package)!r})\n"
        "from kb import cli\n"
        f"cli.main(['validate', {str(valid_package)!r}])\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    modules = set(json.loads(result.stdout.splitlines()[-1]))
    assert "kb.validation.run" in modules  # it did validate
    assert not {"pandas", "networkx", "altair", "numpy"} & modules
