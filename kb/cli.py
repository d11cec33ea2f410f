"""The ``kb`` command line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from kb.validation.descriptor import InvalidDescriptor
from kb.validation.render import FORMATS, text_line


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kb", description="Container OS Knowledge Base tools.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check the data package and report every problem")
    validate.add_argument("path", nargs="?", help="data folder or datapackage.json (default: ./data)")
    validate.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    validate.set_defaults(run=_validate)

    fmt = commands.add_parser("fmt", help="rewrite the CSV files in canonical form, losing nothing")
    fmt.add_argument("path", nargs="?", help="data folder (default: ./data)")
    fmt.add_argument("--check", action="store_true", help="only list the files that are not canonical; exit 1 if any")
    fmt.set_defaults(run=_fmt)

    add = commands.add_parser(
        "add",
        help="add a row to a table, validated before it is written",
        description="Add a row: give its cells as column=value pairs; columns left out are asked for when "
        "standard input is a terminal (or with --interactive). checked and accessed default to today.",
    )
    add.add_argument("table", help="the table, e.g. distros, sources, distro_features")
    add.add_argument("cells", nargs="*", metavar="column=value", help="the row's cells")
    add.add_argument("--data", help="data folder (default: ./data)")
    add.add_argument("--interactive", action="store_true", help="ask for every column not given")
    add.set_defaults(run=_add)

    links = commands.add_parser("links", help="check that every source URL answers (needs the network)")
    links.add_argument("path", nargs="?", help="data folder (default: ./data)")
    links.add_argument("--format", choices=("text", "github"), default="text", help="output format")
    links.set_defaults(run=_links)

    args = parser.parse_args(argv)
    for stream in (sys.stdout, sys.stderr):  # whatever the terminal's encoding, no report is lost to one character
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        return args.run(args)
    except InvalidDescriptor as invalid:  # fmt, add and links need a usable descriptor
        for issue in invalid.issues:
            print(text_line(issue))
        return 1
    except BrokenPipeError:  # the reader went away (kb validate | head): stop quietly, as Python's docs advise
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _usage_error(command: str, error: Exception) -> int:
    print(f"kb {command}: {error}", file=sys.stderr)
    return 2


def _validate(args: argparse.Namespace) -> int:
    from kb.dates import today
    from kb.validation import validate
    from kb.validation.render import render

    try:
        report = validate(args.path, today())
    except (FileNotFoundError, ValueError) as error:  # no package; a malformed $KB_TODAY
        return _usage_error("validate", error)
    sys.stdout.write(render(report, args.format))
    return 0 if report.ok else 1


def _package(path: str | None):
    from kb.schema import DESCRIPTOR, locate_data
    from kb.validation.descriptor import read_package

    root = Path(path) if path else locate_data()
    if not (root / DESCRIPTOR).is_file():
        raise FileNotFoundError(f"no {DESCRIPTOR} in {root}")
    return read_package(root)


def _fmt(args: argparse.Namespace) -> int:
    from kb.csvfile import write_text
    from kb.fmt import format_package

    try:
        outcomes = format_package(_package(args.path))
    except FileNotFoundError as error:
        return _usage_error("fmt", error)
    blocked = [outcome for outcome in outcomes if outcome.canonical is None]
    changed = [outcome for outcome in outcomes if outcome.changed]
    for outcome in blocked:
        for issue in outcome.issues:
            print(text_line(issue))
    for outcome in changed:
        if args.check:
            print(f"{outcome.path}: not in canonical form (run kb fmt)")
        else:
            write_text(outcome.path, outcome.canonical)
            print(f"{outcome.path}: reformatted")
    verb = "would reformat" if args.check else "reformatted"
    print(f"{len(outcomes)} files: {len(changed)} {verb}, {len(blocked)} left alone because of errors")
    return 1 if blocked or (args.check and changed) else 0


def _add(args: argparse.Namespace) -> int:
    from kb.add import Rejected, add, complete
    from kb.dates import today

    try:
        when = today()
        package = _package(args.data)
        resource = package.resource(args.table)
    except (FileNotFoundError, ValueError) as error:  # no package; a malformed $KB_TODAY
        return _usage_error("add", error)
    except StopIteration:
        names = ", ".join(resource.name for resource in package.resources)
        print(f"kb add: no table {args.table!r}; the tables are {names}", file=sys.stderr)
        return 2
    values = dict(cell.split("=", 1) for cell in args.cells if "=" in cell)
    if len(values) != len(args.cells):
        print("kb add: give cells as column=value", file=sys.stderr)
        return 2
    if args.interactive or sys.stdin.isatty():
        values |= _ask(resource, values)
    try:
        row = complete(resource, values, when)
        target = add(package, resource, row)
    except KeyError as error:
        print(
            f"kb add: {args.table} has no column {error}; its columns are {', '.join(resource.field_names)}",
            file=sys.stderr,
        )
        return 2
    except Rejected as rejected:
        for issue in rejected.issues:
            print(text_line(issue))
        print(f"nothing written: {len(rejected.issues)} problem(s)")
        return 1
    print(f"added to {target}")
    return 0


def _links(args: argparse.Namespace) -> int:
    from kb.links import check
    from kb.validation.reader import read_table
    from kb.validation.render import github_annotation

    try:
        package = _package(args.path)
    except FileNotFoundError as error:
        return _usage_error("links", error)
    resource = package.resource("sources")
    sources, _ = read_table(resource, package.path(resource), str(package.path(resource)))
    broken = check(sources) if sources else []
    for issue in broken:
        print(github_annotation(issue, "warning") if args.format == "github" else text_line(issue))
    print(f"checked {len(sources.rows) if sources else 0} source URLs: {len(broken)} broken")
    return 1 if broken else 0


def _ask(resource, given: dict[str, str]) -> dict[str, str]:
    """Prompt for each column not given, saying whether it is required and what it means."""
    answers = {}
    for field in resource.fields:
        if field.name in given:
            continue
        need = "required" if field.required else "optional, Enter to skip"
        choices = f" [{' | '.join(field.enum)}]" if field.enum else ""
        print(f"{field.name} ({need}){choices}: {field.description}", file=sys.stderr)
        answer = input("> ").strip()
        if answer:
            answers[field.name] = answer
    return answers


if __name__ == "__main__":
    sys.exit(main())
