"""Rendering a validation report for people (text), for GitHub Actions and for tools (JSON).

Every line says where, what and how to fix it. Values from the data are escaped, so that a cell
or file name holding a line break or a terminal escape can never forge or hide a line.
"""

from __future__ import annotations

import json

from kb.validation.catalogue import Issue
from kb.validation.run import Report
from kb.validation.wording import printable

FORMATS = ("text", "github", "json")


def summary(report: Report) -> str:
    count = len(report.issues)
    return f"checked {report.files} files, {report.rows} rows: {count} error{'s' * (count != 1)}"


def render(report: Report, format: str = "text") -> str:
    """The report in one of FORMATS, ending with a newline."""
    if format == "json":
        issues = [vars(issue) | {"fix": issue.fix} for issue in report.issues]
        document = {"files": report.files, "rows": report.rows, "errors": len(report.issues), "issues": issues}
        return json.dumps(document, indent=2) + "\n"
    line = github_annotation if format == "github" else text_line
    return "".join(line(issue) + "\n" for issue in report.issues) + summary(report) + "\n"


def text_line(issue: Issue) -> str:
    """``path:line:column: code: message; fix: hint``."""
    where = f"{printable(issue.path)}:{issue.line}:{issue.column}"
    return f"{where}: {issue.code}: {printable(issue.message)}; fix: {issue.fix}"


def github_annotation(issue: Issue, level: str = "error") -> str:
    """An ``::error`` (or ``::warning``) workflow command, escaped as GitHub documents it."""

    def escape(text: str, properties: bool = False) -> str:
        text = printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
        return text.replace(":", "%3A").replace(",", "%2C") if properties else text

    where = f"file={escape(issue.path, True)},line={issue.line},col={issue.column},title={escape(issue.code, True)}"
    return f"::{level} {where}::{escape(issue.message)} Fix: {issue.fix}"
