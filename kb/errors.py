"""The catalogue of validation errors: every code the validator can report, described once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    """A stable error code with a title and a description of how to fix it."""

    code: str
    title: str
    description: str
    command: str = "kb validate"


@dataclass(frozen=True, order=True)
class Issue:
    """One problem at a physical position of a file (line 1 is the header, columns count from 1)."""

    path: str
    line: int
    column: int
    code: str
    message: str


_CODES = [
    # The package and its files
    Code(
        "invalid-descriptor",
        "Invalid descriptor",
        "datapackage.json is not valid JSON or lacks a required property. Fix the JSON at the position given.",
    ),
    Code(
        "missing-file",
        "Missing file",
        "A resource listed in datapackage.json has no CSV file. Create the file with its header row.",
    ),
    Code("empty-file", "Empty file", "The file has no header row. Every CSV starts with a header naming its columns."),
    Code("undecodable-bytes", "Undecodable bytes", "A cell holds bytes that are not UTF-8. Save the file as UTF-8."),
    Code(
        "bom",
        "Byte order mark",
        "The file starts with a UTF-8 byte order mark, which spreadsheet programs add. Save it without.",
    ),
    Code("blank-line", "Blank line", "An empty line inside the file. Delete it: every line is the header or a row."),
    Code(
        "malformed-csv",
        "Malformed CSV",
        "The CSV cannot be parsed here, usually because of a stray or unclosed quote. Quote a cell that holds "
        "commas or quotes, and double the quotes inside it.",
    ),
    # The header
    Code(
        "missing-column",
        "Missing column",
        "A column of the schema is absent from the header. Add it (it may stay empty if it is optional).",
    ),
    Code(
        "extra-column",
        "Extra column",
        "The header names a column that the schema does not define. Remove it, or add it to datapackage.json.",
    ),
    Code("duplicate-column", "Duplicate column", "The header names the same column twice."),
    Code(
        "column-order",
        "Column order",
        "The columns are not in the schema's order. Reorder them (kb fmt does it for you).",
    ),
    Code(
        "ragged-row", "Ragged row", "A row has more or fewer cells than the header. Check for a missing or extra comma."
    ),
    # Cells
    Code("required", "Required value missing", "The column is required, but the cell is empty."),
    Code(
        "invalid-date",
        "Invalid date",
        "The cell is not a date of the allowed form (YYYY, YYYY-MM or YYYY-MM-DD; YYYY-MM-DD for "
        "checked and accessed), or not a day of the calendar.",
    ),
    Code(
        "future-date",
        "Date in the future",
        "The date lies after today. Only scheduled ends (end_of_life, until, end-of-life events) may.",
    ),
    Code("not-in-enum", "Value not allowed", "The cell holds a value outside the column's list of allowed values."),
    Code(
        "pattern-mismatch",
        "Malformed id",
        "The cell does not match the column's pattern: ids are lowercase slugs such as fedora-coreos.",
    ),
    Code(
        "too-long",
        "Cell too long",
        "The cell is longer than the column allows; a quote is a short excerpt (at most 200 characters).",
    ),
    Code(
        "insecure-url",
        "Insecure URL",
        "The URL does not use https (http:, javascript: and data: are refused). Use the page's https address.",
    ),
    Code(
        "invalid-url", "Invalid URL", "The URL has no host or holds spaces. Paste the address as the browser shows it."
    ),
    Code(
        "formula-cell",
        "Formula cell",
        "The cell starts with =, +, - or @, which spreadsheet programs run as a formula. Reword it.",
    ),
    Code(
        "control-character",
        "Control character",
        "The cell holds a control or invisible character (a line break, a tab, a non-breaking space). Remove it.",
    ),
    Code("surrounding-whitespace", "Surrounding whitespace", "The cell starts or ends with whitespace. Trim it."),
    # Keys and references
    Code(
        "duplicate-key",
        "Duplicate key",
        "Two rows share the same primary key (or the same value in a unique column). Merge them, or tell "
        "the periods apart with since.",
    ),
    Code(
        "unknown-reference",
        "Unknown reference",
        "The cell names an id that the referenced table does not have. Fix the spelling, or add the row it refers to.",
    ),
    Code("unused-source", "Unused source", "No fact cites this source. Cite it from a fact, or remove it."),
    # Meaning
    Code(
        "date-order",
        "Dates out of order",
        "A start lies after its end: first_release after end_of_life, or since after until.",
    ),
    Code(
        "status-mismatch",
        "Status contradicts end of life",
        "discontinued needs an end_of_life in the past; active and maintenance cannot have an end_of_life in the past.",
    ),
    Code("self-loop", "Self-loop", "A lineage edge leads from a distro to itself."),
    Code("lineage-cycle", "Lineage cycle", "The lineage edges form a cycle: a distro would be its own ancestor."),
    Code(
        "duplicate-fact",
        "Duplicate fact",
        "Two rows state the same event, once at a coarser date (2018 and 2018-01-30). Keep the more precise one.",
    ),
    # Evidence (kb evidence, which reads the cited pages)
    Code(
        "quote-not-found",
        "Quote not found",
        "The row's quote is not on the page its source links to (whitespace, case and markup aside). Copy "
        "the quote from the page again, or link the version of the page that holds it (a commit or tag).",
        "kb evidence",
    ),
    Code(
        "wikidata-disagrees",
        "Wikidata disagrees",
        "The distribution's Wikidata item (its wikidata column) gives another inception (P571) than "
        "first_release, another developer (P178) than the vendor, or another base (P144) than the lineage "
        "says. Check both against a primary source; correct this row, or Wikidata.",
        "kb crosscheck",
    ),
    Code(
        "page-unreachable",
        "Page unreachable",
        "The source's page could not be fetched (an HTTP error, a timeout or no network), so its quotes "
        "were not checked. Open the URL; if the page moved, link its new or archived address.",
        "kb evidence",
    ),
    Code(
        "overlapping-periods",
        "Overlapping periods",
        "Two rows give the same distro and feature (or runtime) for periods that overlap. Close one with until.",
    ),
]

CATALOGUE: dict[str, Code] = {code.code: code for code in _CODES}
