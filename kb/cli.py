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

    rm = commands.add_parser(
        "rm",
        help="remove a row, validated before it is written",
        description="Remove the row whose cells equal the column=value pairs given (its primary key, say). "
        "The change is refused if it leaves the data invalid, e.g. a source that facts still cite.",
    )
    edit = commands.add_parser(
        "edit",
        help="change cells of a row, validated before it is written",
        description="Set the --set column=value cells in the row whose cells equal the column=value pairs given.",
    )
    for parser_ in (rm, edit):
        parser_.add_argument("table", help="the table, e.g. distros, sources, distro_features")
        parser_.add_argument("cells", nargs="+", metavar="column=value", help="cells that pick the row")
        parser_.add_argument("--data", help="data folder (default: ./data)")
        parser_.add_argument("--all", action="store_true", help="change every matching row, not just one")
    edit.add_argument("--set", nargs="+", required=True, metavar="column=value", help="the new cells")
    rm.set_defaults(run=_rm)
    edit.set_defaults(run=_edit)

    links = commands.add_parser("links", help="check that every source URL answers (needs the network)")
    links.add_argument("path", nargs="?", help="data folder (default: ./data)")
    links.add_argument("--format", choices=("text", "github"), default="text", help="output format")
    links.set_defaults(run=_links)

    evidence = commands.add_parser(
        "evidence",
        help="check that every quote stands on the page its source links to (needs the network or a cache)",
    )
    evidence.add_argument("path", nargs="?", help="data folder (default: ./data)")
    evidence.add_argument(
        "--cache", default=".cache/evidence", help="folder of fetched pages (default: .cache/evidence)"
    )
    evidence.add_argument("--offline", action="store_true", help="read pages from the cache only")
    evidence.add_argument("--format", choices=("text", "github"), default="text", help="output format")
    evidence.set_defaults(run=_evidence)

    refresh = commands.add_parser(
        "refresh",
        help="propose releases rows from the projects' own feeds (needs the network)",
        description="Read each project's release feed, print the added and changed releases rows with their "
        "sources, and write them (validated) unless --dry-run. A stated row is only moved on by a newer version; "
        "other disagreements, and endoflife.date's, are reported, never written. Exit 1 if a feed failed.",
    )
    refresh.add_argument("path", nargs="?", help="data folder (default: ./data)")
    refresh.add_argument("--dry-run", action="store_true", help="print the diff, write nothing")
    refresh.add_argument("--only", metavar="NAME", help="run one adapter (e.g. flatcar, talos, endoflife-date)")
    refresh.add_argument(
        "--feeds-url", metavar="BASE", help="ask BASE/host/path instead of each feed's host (also KB_FEEDS_URL)"
    )
    refresh.set_defaults(run=_refresh)

    crosscheck = commands.add_parser(
        "crosscheck", help="list where Wikidata disagrees with first_release, vendor and lineage (needs the network)"
    )
    crosscheck.add_argument("path", nargs="?", help="data folder (default: ./data)")
    crosscheck.add_argument("--format", choices=("text", "github"), default="text", help="output format")
    crosscheck.add_argument(
        "--feeds-url", metavar="BASE", help="ask BASE/host/path instead of www.wikidata.org (also KB_FEEDS_URL)"
    )
    crosscheck.set_defaults(run=_crosscheck)

    args = parser.parse_args(argv)
    for stream in (sys.stdout, sys.stderr):  # whatever the terminal's encoding, no report is lost to one character
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        return args.run(args)
    except NoData as error:
        return _usage_error(args.command, error)
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


class NoData(FileNotFoundError):
    """The folder named holds no data package: a usage error of whichever command."""


def _package(path: str | None):
    """The data package a command names: its folder or its datapackage.json (default: ./data)."""
    from kb.schema import DESCRIPTOR, locate_data
    from kb.validation.descriptor import read_package

    root = Path(path) if path else locate_data()
    if root.name == DESCRIPTOR:
        root = root.parent
    if not (root / DESCRIPTOR).is_file():
        raise NoData(f"no {DESCRIPTOR} in {root}")
    return read_package(root)


def _tables(package, names) -> dict:
    """The named tables of ``package`` as read from disk (None for a file that cannot be read)."""
    from kb.validation.reader import read_table

    found = {}
    for name in names:
        resource = package.resource(name)
        found[name], _ = read_table(resource, package.path(resource), str(package.path(resource)))
    return found


def _print_issues(issues, format: str, level: str = "error") -> None:
    from kb.validation.render import github_annotation

    for issue in issues:
        print(github_annotation(issue, level) if format == "github" else text_line(issue))


def _fmt(args: argparse.Namespace) -> int:
    from kb.csvfile import WriteRefused, locked

    try:
        package = _package(args.path)
        with locked(package.root):
            return _fmt_package(package, args.check)
    except (InvalidDescriptor, NoData):
        raise  # reported by main
    except (FileNotFoundError, ValueError, KeyError, WriteRefused) as error:
        return _usage_error("fmt", error)


def _fmt_package(package, check: bool) -> int:
    from kb.csvfile import write_text
    from kb.fmt import format_package

    outcomes = format_package(package)
    blocked = [outcome for outcome in outcomes if outcome.canonical is None]
    changed = [outcome for outcome in outcomes if outcome.changed]
    for outcome in blocked:
        for issue in outcome.issues:
            print(text_line(issue))
    for outcome in changed:
        if check:
            print(f"{outcome.path}: not in canonical form (run kb fmt)")
        else:
            write_text(outcome.path, outcome.canonical)
            print(f"{outcome.path}: reformatted")
    verb = "would reformat" if check else "reformatted"
    print(f"{len(outcomes)} files: {len(changed)} {verb}, {len(blocked)} left alone because of errors")
    return 1 if blocked or (check and changed) else 0


def _add(args: argparse.Namespace) -> int:
    from kb.change import add, complete
    from kb.dates import today

    def change(package, resource, cells):
        if args.interactive or sys.stdin.isatty():
            cells |= _ask(resource, cells)
        return add(package, resource, complete(resource, cells, today()))

    return _change_rows("add", args, change, "added to")


def _rm(args: argparse.Namespace) -> int:
    from kb.change import remove

    return _change_rows(
        "rm", args, lambda package, resource, cells: remove(package, resource, cells, args.all), "removed from"
    )


def _edit(args: argparse.Namespace) -> int:
    from kb.change import edit

    def change(package, resource, cells):
        return edit(package, resource, cells, _cells("edit", args.set or []), args.all)

    return _change_rows("edit", args, change, "changed in")


def _change_rows(command: str, args: argparse.Namespace, change, done: str) -> int:
    """Run one validated, locked change of a table and report it the same way for add, rm and edit."""
    from kb.change import NoMatch, Rejected
    from kb.csvfile import WriteRefused
    from kb.validation.render import text_line

    package = _package(args.data)
    try:
        resource = package.resource(args.table)
    except StopIteration:
        names = ", ".join(resource.name for resource in package.resources)
        return _usage_error(command, f"no table {args.table!r}; the tables are {names}")
    try:
        target = change(package, resource, _cells(command, args.cells))
    except ValueError as error:
        if not isinstance(error, Rejected):
            return _usage_error(command, error)
        for issue in error.issues:
            print(text_line(issue))
        print(f"nothing written: {len(error.issues)} problem(s)")
        return 1
    except KeyError as error:
        columns = ", ".join(resource.field_names)
        return _usage_error(command, f"{args.table} has no column {error}; its columns are {columns}")
    except (NoMatch, WriteRefused) as error:
        return _usage_error(command, error)
    print(f"{done} {target}")
    return 0


def _cells(command: str, words: list[str]) -> dict[str, str]:
    """column=value words as a dict; a word without '=' is a usage error."""
    if any("=" not in word for word in words):
        raise ValueError("give cells as column=value")
    return dict(word.split("=", 1) for word in words)


def _links(args: argparse.Namespace) -> int:
    from kb.links import check

    sources = _tables(_package(args.path), ["sources"])["sources"]
    broken = check(sources) if sources else []
    _print_issues(broken, args.format, "warning")
    print(f"checked {len(sources.rows) if sources else 0} source URLs: {len(broken)} broken")
    return 1 if broken else 0


def _evidence(args: argparse.Namespace) -> int:
    from kb.evidence import Cache, check

    package = _package(args.path)
    quoted = [r.name for r in package.resources if {"source", "quote"} <= set(r.field_names)]
    tables = _tables(package, ["sources", *quoted])
    sources = tables.pop("sources")
    issues = check(
        [table for table in tables.values() if table], sources, Cache(Path(args.cache), offline=args.offline)
    )
    _print_issues(issues, args.format)
    quotes = sum(1 for table in tables.values() if table for row in table.rows if row.cells.get("quote"))
    print(f"checked {quotes} quotes: {len(issues)} problem{'s' * (len(issues) != 1)}")
    return 1 if issues else 0


def _refresh(args: argparse.Namespace) -> int:
    from kb.change import Rejected
    from kb.csvfile import WriteRefused
    from kb.dates import today
    from kb.refresh import adapters
    from kb.refresh.fetch import base_url
    from kb.refresh.runner import collect, report, tables, write
    from kb.validation.render import text_line

    package = _package(args.path)
    chosen = [adapter for adapter in adapters() if args.only in (None, adapter.name)]
    if not chosen:
        names = ", ".join(adapter.name for adapter in adapters())
        return _usage_error("refresh", f"no adapter {args.only!r}; the adapters are {names}")
    data = tables(package)
    outcome = collect(chosen, data, base_url(args.feeds_url))
    report(outcome)
    counts = {
        verdict: sum(c.verdict == verdict for c in outcome.changes)
        for verdict in ("added", "changed", "updated", "disagrees")
    }
    summary = (
        f"{counts['added']} added, {counts['changed'] + counts['updated']} changed ({counts['updated']} stated rows "
        f"moved on to a newer version), {counts['disagrees']} disagreements, {len(outcome.failures)} feeds failed"
    )
    if args.dry_run:
        print(f"{summary}; nothing written (--dry-run)")
    else:
        try:
            write(package, outcome, data, today())
        except Rejected as error:
            for issue in error.issues:
                print(text_line(issue))
            print(f"nothing written: {len(error.issues)} problem(s)")
            return 1
        except WriteRefused as error:
            return _usage_error("refresh", error)
        print(summary)
    return 1 if outcome.failures else 0


def _crosscheck(args: argparse.Namespace) -> int:
    from kb.crosscheck import compare
    from kb.refresh.fetch import base_url

    tables = _tables(_package(args.path), ["distros", "organizations", "lineage"])
    issues, failures = compare(tables["distros"], tables["organizations"], tables["lineage"], base_url(args.feeds_url))
    _print_issues(issues, args.format, "warning")
    for line in failures:
        print(line, file=sys.stderr)
    items = sum(1 for row in tables["distros"].rows if row.cells.get("wikidata"))
    print(f"checked {items} Wikidata items: {len(issues)} disagreements, {len(failures)} failed requests")
    return 1 if issues or failures else 0


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
