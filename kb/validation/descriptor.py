"""Reading datapackage.json: its text is input like any CSV, so it is checked before it is used.

The checks follow the Data Package form as far as this project relies on it, and the project's
own expectations: the tables the code reads are present, each property has the type the code
expects, paths stay inside data/, patterns cannot backtrack for minutes. Every problem is an
``invalid-descriptor``, ``unsafe-path`` or ``unsafe-pattern`` issue at the line and column of the
value concerned; nothing here raises on a malformed descriptor.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from kb.schema import DESCRIPTOR, Package, package_from
from kb.validation import locate
from kb.validation.catalogue import Issue, issue
from kb.validation.files import unsafe_path
from kb.validation.patterns import UnsafePattern, compile_safe

# The tables the code reads by name.
REQUIRED_RESOURCES = ("organizations", "sources", "distros", "lineage", "events", "runtimes", "distro_runtimes",
                      "features", "distro_features", "releases")  # fmt: skip
FIELD_TYPES = ("string", "date", "integer", "number", "boolean")
MAX_DEPTH = 16  # the project's descriptor nests 7 deep


class InvalidDescriptor(ValueError):
    """The descriptor cannot be used; ``issues`` says where and why."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__(f"{len(issues)} problem(s) in {DESCRIPTOR}")


# The expected shape: a type, a list of a shape (with a least length), an object of named
# properties (required or not; other properties are allowed, as the Data Package form allows),
# a mapping, a choice of values, or either of two shapes.
@dataclass(frozen=True)
class Items:
    shape: object
    least: int = 0


@dataclass(frozen=True)
class Object:
    properties: dict[str, tuple[object, bool]]


@dataclass(frozen=True)
class Mapping:
    values: object


@dataclass(frozen=True)
class Either:
    shapes: tuple[object, ...]


NAMES = Items(str, 1)
CONSTRAINTS = Object({"required": (bool, False), "unique": (bool, False), "enum": (Items(str, 1), False),
                      "pattern": (str, False), "maxLength": (int, False)})  # fmt: skip
FIELD = Object({"name": (str, True), "type": (FIELD_TYPES, False), "description": (str, False),
                "format": (str, False), "constraints": (CONSTRAINTS, False), "kb:partialDate": (bool, False),
                "kb:futureAllowed": (bool, False), "kb:futureAllowedWhen": (Mapping(Items(str)), False),
                "kb:references": (NAMES, False)})  # fmt: skip
FOREIGN_KEY = Object({"fields": (Either((str, Items(str, 1))), True),
                      "reference": (Object({"resource": (str, True), "fields": (Either((str, Items(str, 1))), True)}),
                                    True)})  # fmt: skip
RESOURCE = Object({"name": (str, True), "path": (str, True), "title": (str, False), "description": (str, False),
                   "kb:facts": (bool, False),
                   "schema": (Object({"fields": (Items(FIELD, 1), True), "primaryKey": (Either((str, NAMES)), False),
                                      "foreignKeys": (Items(FOREIGN_KEY), False)}), True)})  # fmt: skip
PACKAGE = Object({"name": (str, True), "title": (str, False), "licenses": (Items(dict), False),
                  "resources": (Items(RESOURCE, 1), True)})  # fmt: skip


def read_descriptor(root: Path) -> tuple[Package | None, list[Issue]]:
    """The package described in ``root``, or None and the issues that make the descriptor unusable."""
    where = str(root / DESCRIPTOR)
    try:
        text = (root / DESCRIPTOR).read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [issue(where, 1, 1, "invalid-descriptor", f"the file is not UTF-8 ({error.reason})")]
    if (deep := locate.depth_exceeded(text, MAX_DEPTH)) is not None:
        line, column = locate.line_column(text, deep)
        return None, [issue(where, line, column, "invalid-descriptor", f"nested deeper than {MAX_DEPTH} levels")]
    try:
        spec = json.loads(text)
    except json.JSONDecodeError as error:
        return None, [issue(where, error.lineno, error.colno, "invalid-descriptor", error.msg)]
    problems = list(_shape(spec, PACKAGE, ()))
    if not problems:
        problems = list(_meaning(spec, root))
    if problems:
        offsets = locate.positions(text)
        return None, [issue(where, *locate.line_column(text, _nearest(offsets, path)), code, message)
                      for path, code, message in problems]  # fmt: skip
    return package_from(root, spec), []


def read_package(root: Path) -> Package:
    """The package described in ``root``; raises InvalidDescriptor listing the problems if it cannot be used."""
    package, issues = read_descriptor(root)
    if package is None:
        raise InvalidDescriptor(issues)
    return package


def _nearest(offsets: dict[locate.Path, int], path: locate.Path) -> int:
    """The offset of the value at ``path``, or of its nearest enclosing value (for a missing property)."""
    while path not in offsets:
        path = path[:-1]
    return offsets[path]


def _shown(path: locate.Path) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".") or "the document"


def _shape(value, shape, path: locate.Path):
    """Yield (path, code, message) wherever ``value`` departs from ``shape``."""
    if isinstance(shape, Either):
        if not any(not list(_shape(value, option, path)) for option in shape.shapes):
            yield path, "invalid-descriptor", f"{_shown(path)} must be a name or a list of names"
    elif isinstance(shape, tuple):
        if value not in shape:
            yield path, "invalid-descriptor", f"{_shown(path)} must be one of {', '.join(shape)}"
    elif isinstance(shape, type):
        if not isinstance(value, shape) or (shape is int and (isinstance(value, bool) or value < 0)):
            kind = {str: "a string", bool: "true or false", int: "a whole number of 0 or more", dict: "an object"}[
                shape
            ]
            yield path, "invalid-descriptor", f"{_shown(path)} must be {kind}"
    elif isinstance(shape, Items):
        if not isinstance(value, list):
            yield path, "invalid-descriptor", f"{_shown(path)} must be a list"
        elif len(value) < shape.least:
            yield path, "invalid-descriptor", f"{_shown(path)} must list at least {shape.least}"
        else:
            for index, item in enumerate(value):
                yield from _shape(item, shape.shape, (*path, index))
    elif isinstance(shape, Mapping):
        if not isinstance(value, dict):
            yield path, "invalid-descriptor", f"{_shown(path)} must be an object"
        else:
            for key, item in value.items():
                yield from _shape(item, shape.values, (*path, key))
    elif not isinstance(value, dict):
        yield path, "invalid-descriptor", f"{_shown(path)} must be an object"
    else:
        for name, (inner, required) in shape.properties.items():
            if name in value:
                yield from _shape(value[name], inner, (*path, name))
            elif required:
                yield path, "invalid-descriptor", f"{_shown(path)} lacks the property {name!r}"


def _names(value) -> list[str]:
    return [value] if isinstance(value, str) else value


def _meaning(spec: dict, root: Path):
    """Yield (path, code, message) for what is well-typed but unusable: missing or repeated tables
    and columns, keys naming no column, unsafe paths and patterns."""
    resources = spec["resources"]
    tables = {}
    for index, resource in enumerate(resources):
        where = ("resources", index)
        if resource["name"] in tables:
            yield (*where, "name"), "invalid-descriptor", f"a second resource is named {resource['name']!r}"
        tables[resource["name"]] = [field["name"] for field in resource["schema"]["fields"]]
        if (why := unsafe_path(root, resource["path"])) is not None:
            yield (*where, "path"), "unsafe-path", f"the path of {resource['name']} {why}"
        yield from _columns(resource, where)
    for name in REQUIRED_RESOURCES:
        if name not in tables:
            yield ("resources",), "invalid-descriptor", f"the resource {name!r} is missing; the code reads it"
    for index, resource in enumerate(resources):
        yield from _links(resource, ("resources", index), tables)


def _columns(resource: dict, where: locate.Path):
    schema = resource["schema"]
    names: set[str] = set()
    for index, field in enumerate(schema["fields"]):
        at = (*where, "schema", "fields", index)
        if field["name"] in names:
            yield (*at, "name"), "invalid-descriptor", f"{resource['name']} has two columns named {field['name']!r}"
        names.add(field["name"])
        pattern = field.get("constraints", {}).get("pattern")
        if pattern is not None:
            try:
                compile_safe(pattern)
            except UnsafePattern as error:
                yield (*at, "constraints", "pattern"), "unsafe-pattern", f"the pattern of {field['name']}: {error}"
        for column in field.get("kb:futureAllowedWhen", {}):
            if column not in {other["name"] for other in schema["fields"]}:
                yield (*at, "kb:futureAllowedWhen"), "invalid-descriptor", f"no column {column!r} in {resource['name']}"
    for column in _names(schema.get("primaryKey", [])):
        if column not in names:
            yield (*where, "schema", "primaryKey"), "invalid-descriptor", f"the primary key names no column {column!r}"


def _links(resource: dict, where: locate.Path, tables: dict[str, list[str]]):
    schema = resource["schema"]
    for index, key in enumerate(schema.get("foreignKeys", [])):
        at = (*where, "schema", "foreignKeys", index)
        fields, target = _names(key["fields"]), key["reference"]["resource"]
        referenced = _names(key["reference"]["fields"])
        if len(fields) != 1 or len(referenced) != 1:
            yield at, "invalid-descriptor", "a foreign key here joins one column to one column"
        elif fields[0] not in tables[resource["name"]]:
            yield (*at, "fields"), "invalid-descriptor", f"the foreign key names no column {fields[0]!r}"
        elif target not in tables or referenced[0] not in tables[target]:
            yield (
                (*at, "reference"),
                "invalid-descriptor",
                f"the foreign key refers to no column {target}.{referenced[0]}",
            )
    for index, field in enumerate(schema["fields"]):
        for position, target in enumerate(field.get("kb:references", [])):
            if target not in tables:
                path = (*where, "schema", "fields", index, "kb:references", position)
                yield path, "invalid-descriptor", f"kb:references names no resource {target!r}"
