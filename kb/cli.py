"""The ``kb`` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kb.report import FORMATS


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kb", description="Container OS Knowledge Base tools.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check the data package and report every problem")
    validate.add_argument("path", nargs="?", help="data folder or datapackage.json (default: ./data)")
    validate.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    validate.set_defaults(run=_validate)

    args = parser.parse_args(argv)
    return args.run(args)


def _validate(args: argparse.Namespace) -> int:
    from kb.report import render
    from kb.validate import validate

    try:
        report = validate(args.path)
    except FileNotFoundError as error:
        print(f"kb validate: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(render(report, args.format))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
