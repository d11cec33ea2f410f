"""Hypothesis throws malformed CSVs at the validator and the loader: a clean error, never a
traceback, and never a changed file."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import FIXTURES, build_package
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kb
from kb.cli import main

VALID = {file.name: file.read_bytes() for file in (FIXTURES / "valid").glob("*.csv")}
TARGETS = [*sorted(VALID), "datapackage.json"]
NASTY = [
    b"",
    b",",
    b'"',
    b'""',
    b"\n",
    b"\r\n",
    b"\r",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\x00",
    b"=1+1",
    b"-",
    b"@",
    b" ",
    b"\t",
    b"javascript:alert(1)",
    b"http://x",
    b"https://",
    b"2019-02-30",
    b"9999",
    b"0000-00",
    b"acme-os",
    b"acme",
    b"{",
    b"]",
    b'"(',
    b"null",
    b"<script>alert(1)</script>",
    "é€𝄞".encode(),
    b"\xed\xa0\x80",
]

edits = st.lists(
    st.tuples(
        st.sampled_from(TARGETS),
        st.integers(0, 10_000),
        st.integers(0, 40),
        st.one_of(st.sampled_from(NASTY), st.binary(max_size=12)),
    ),
    min_size=1,
    max_size=6,
)


def mutate(original: bytes, position: int, cut: int, insert: bytes) -> bytes:
    at = position % (len(original) + 1)
    return original[:at] + insert + original[at + cut :]


@pytest.mark.slow  # a thousand packages: make test runs it, the quick loop does not
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits)
def test_mutated_packages_get_clean_errors(mutations) -> None:
    with tempfile.TemporaryDirectory() as folder:
        package = build_package(Path(folder) / "data")
        for name, position, cut, insert in mutations:
            file = package / name
            file.write_bytes(mutate(file.read_bytes(), position, cut, insert))
        before = {file.name: hashlib.sha256(file.read_bytes()).digest() for file in package.iterdir()}
        status = main(["validate", str(package), "--format", "json"])
        assert status in (0, 1)
        try:
            kb.load(package)
        except kb.DataError as error:
            assert status == 1 and error.issues
        else:
            assert status == 0
        assert {file.name: hashlib.sha256(file.read_bytes()).digest() for file in package.iterdir()} == before
        shutil.rmtree(package)
