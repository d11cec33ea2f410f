"""The data package descriptor (data/datapackage.json) as typed, read-only objects, and where the
data folder is. Reading and checking the descriptor is ``kb.validation.descriptor``'s job."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

DESCRIPTOR = "datapackage.json"
DATA_VARIABLE = "KB_DATA"  # names the data folder for every kb command and for the notebooks a build runs
ALIVE = ("active", "maintenance")  # the statuses of a distro that is still supported
ENDED = "discontinued"
UPSTREAM_BASE = "upstream-base"  # a distro kind that is here only as a root of lineage


@dataclass(frozen=True)
class Field:
    """One column of a table, with the constraints the validator enforces."""

    name: str
    type: str
    description: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None
    max_length: int | None = None
    is_url: bool = False
    partial_date: bool = False
    future_allowed: bool = False
    future_allowed_when: tuple[tuple[str, tuple[str, ...]], ...] = ()
    references: tuple[str, ...] = ()

    @classmethod
    def from_descriptor(cls, spec: dict) -> Field:
        constraints = spec.get("constraints", {})
        pattern = constraints.get("pattern")
        return cls(
            name=spec["name"],
            type=spec.get("type", "string"),
            description=spec.get("description", ""),
            required=constraints.get("required", False),
            unique=constraints.get("unique", False),
            enum=tuple(constraints.get("enum", ())),
            pattern=re.compile(pattern) if pattern else None,
            max_length=constraints.get("maxLength"),
            is_url=spec.get("format") == "uri",
            partial_date=spec.get("kb:partialDate", False),
            future_allowed=spec.get("kb:futureAllowed", False),
            future_allowed_when=tuple(
                (column, tuple(values)) for column, values in spec.get("kb:futureAllowedWhen", {}).items()
            ),
            references=tuple(spec.get("kb:references", ())),
        )

    @property
    def is_date(self) -> bool:
        return self.type == "date" or self.partial_date

    def allows_future(self, row: dict[str, str]) -> bool:
        """Whether the row may hold a date after today here (a scheduled end of life)."""
        return self.future_allowed or any(row.get(column) in values for column, values in self.future_allowed_when)


@dataclass(frozen=True)
class ForeignKey:
    """A column whose values must be ids of another table."""

    field: str
    resource: str
    reference: str


@dataclass(frozen=True)
class Resource:
    """One CSV file of the package and its table schema."""

    name: str
    path: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    facts: bool = False

    @classmethod
    def from_descriptor(cls, spec: dict) -> Resource:
        schema = spec["schema"]
        keys = schema.get("primaryKey", ())
        return cls(
            name=spec["name"],
            path=spec["path"],
            title=spec.get("title", spec["name"]),
            description=spec.get("description", ""),
            fields=tuple(Field.from_descriptor(field) for field in schema["fields"]),
            primary_key=(keys,) if isinstance(keys, str) else tuple(keys),
            foreign_keys=tuple(
                ForeignKey(fk["fields"][0], fk["reference"]["resource"], fk["reference"]["fields"][0])
                for fk in schema.get("foreignKeys", ())
            ),
            facts=spec.get("kb:facts", False),
        )

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields)

    def field(self, name: str) -> Field:
        return next(field for field in self.fields if field.name == name)

    @property
    def source_columns(self) -> tuple[str, ...]:
        """The columns citing a source: ``source`` and every ``*_source``."""
        return tuple(name for name in self.field_names if name == "source" or name.endswith("_source"))

    def referring_to(self, target: str) -> tuple[str, ...]:
        """The columns whose values are ids of ``target`` (by foreign key or kb:references)."""
        keys = [fk.field for fk in self.foreign_keys if fk.resource == target]
        return tuple(field.name for field in self.fields if field.name in keys or target in field.references)


@dataclass(frozen=True)
class Package:
    """The whole data package: its resources in the order the descriptor lists them."""

    root: Path
    name: str
    title: str
    licenses: tuple[dict, ...]
    resources: tuple[Resource, ...]

    def resource(self, name: str) -> Resource:
        return next(resource for resource in self.resources if resource.name == name)

    def path(self, resource: Resource) -> Path:
        return self.root / resource.path

    @property
    def fact_resources(self) -> tuple[Resource, ...]:
        """The tables of sourced facts (marked "kb:facts" in the descriptor)."""
        return tuple(resource for resource in self.resources if resource.facts)


def package_from(root: Path, spec: dict) -> Package:
    """The package of a descriptor that ``kb.validation.descriptor`` has checked (use its
    ``read_package``: it checks before it builds)."""
    return Package(
        root=root,
        name=spec["name"],
        title=spec.get("title", spec["name"]),
        licenses=tuple(spec.get("licenses", ())),
        resources=tuple(Resource.from_descriptor(resource) for resource in spec["resources"]),
    )


def locate_data() -> Path:
    """The data folder: $KB_DATA, else the nearest ``data/`` above the working directory, else the
    one beside this package. Notebooks use it, so they run from any folder."""
    if env := os.environ.get(DATA_VARIABLE):
        return Path(env)
    for folder in (Path.cwd(), *Path.cwd().parents):
        if (folder / "data" / DESCRIPTOR).is_file():
            return _relative(folder / "data")
    return Path(__file__).resolve().parent.parent / "data"


def _relative(path: Path) -> Path:
    """``path`` relative to the working directory when it lies below it, for short messages."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path
