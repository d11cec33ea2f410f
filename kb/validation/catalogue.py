"""The catalogue of validation errors: every code the validator can report, described once.

Every issue is built here (``issue``), so no code can be reported that the catalogue, and so the
errors page, does not explain.
"""

from __future__ import annotations

from dataclasses import dataclass

TAGS = ("descriptor", "file", "header", "cell", "reference", "rule", "evidence", "link", "network")


@dataclass(frozen=True)
class Code:
    """A stable error code: a title, what it means, how to fix it, and the kinds of check it belongs to."""

    code: str
    title: str
    meaning: str
    fix: str
    tags: tuple[str, ...]


@dataclass(frozen=True, order=True)
class Issue:
    """One problem at a physical position of a file (line 1 is the header, columns count from 1)."""

    path: str
    line: int
    column: int
    code: str
    message: str

    @property
    def fix(self) -> str:
        return CATALOGUE[self.code].fix


def issue(path: str, line: int, column: int, code: str, message: str) -> Issue:
    """An issue of a catalogued ``code`` (a KeyError for any other: a bug, not a data problem)."""
    return Issue(path, line, column, CATALOGUE[code].code, message)


_CODES = [
    # The descriptor
    Code(
        "invalid-descriptor",
        "Invalid descriptor",
        "datapackage.json is not valid JSON, or does not follow the Data Package form this project expects "
        "(a required resource or property is missing, or a property has the wrong type).",
        "Fix datapackage.json at the position given.",
        ("descriptor",),
    ),
    Code(
        "unsafe-path",
        "Unsafe resource path",
        "A resource path is absolute, leads out of the data folder, or is a symbolic link. Only the files "
        "inside data/ that the descriptor names are read.",
        "Give the resource a plain relative path such as distros.csv, to a regular file inside data/.",
        ("descriptor", "file"),
    ),
    Code(
        "unsafe-pattern",
        "Unsafe pattern",
        "A pattern in datapackage.json uses a construct that can take exponential time (a nested quantifier, "
        "a backreference or a lookaround) or does not compile.",
        "Write the pattern with character classes and single quantifiers, e.g. [a-z0-9]+(-[a-z0-9]+)*.",
        ("descriptor",),
    ),
    # The package and its files
    Code(
        "missing-file",
        "Missing file",
        "A resource listed in datapackage.json has no CSV file.",
        "Create the file with its header row.",
        ("file",),
    ),
    Code(
        "stray-file",
        "Stray file",
        "The data folder holds a file that datapackage.json does not name (or a symbolic link); it is never read.",
        "Remove it, or add it to datapackage.json as a resource.",
        ("file",),
    ),
    Code(
        "empty-file",
        "Empty file",
        "The file has no header row.",
        "Every CSV starts with a header naming its columns: add it.",
        ("file",),
    ),
    Code(
        "undecodable-bytes",
        "Undecodable bytes",
        "A cell holds bytes that are not UTF-8.",
        "Save the file as UTF-8.",
        ("file", "cell"),
    ),
    Code(
        "bom",
        "Byte order mark",
        "The file starts with a UTF-8 byte order mark, which spreadsheet programs add.",
        "Save it without (kb fmt removes it).",
        ("file",),
    ),
    Code(
        "blank-line",
        "Blank line",
        "An empty line inside the file; every line is the header or a row.",
        "Delete it (kb fmt does).",
        ("file",),
    ),
    Code(
        "malformed-csv",
        "Malformed CSV",
        "The CSV cannot be parsed here, usually because of a stray or unclosed quote.",
        "Quote a cell that holds commas or quotes, and double the quotes inside it.",
        ("file",),
    ),
    # The header
    Code(
        "missing-column",
        "Missing column",
        "A column of the schema is absent from the header.",
        "Add it (it may stay empty if it is optional).",
        ("header",),
    ),
    Code(
        "extra-column",
        "Extra column",
        "The header names a column that the schema does not define.",
        "Remove it, or add it to datapackage.json.",
        ("header",),
    ),
    Code(
        "duplicate-column",
        "Duplicate column",
        "The header names the same column twice.",
        "Remove one of them.",
        ("header",),
    ),
    Code(
        "column-order",
        "Column order",
        "The columns are not in the schema's order.",
        "Reorder them (kb fmt does it for you).",
        ("header",),
    ),
    Code(
        "ragged-row",
        "Ragged row",
        "A row has more or fewer cells than the header.",
        "Check for a missing or extra comma.",
        ("file",),
    ),
    # Cells
    Code(
        "required", "Required value missing", "The column is required, but the cell is empty.", "Fill it in.", ("cell",)
    ),
    Code(
        "invalid-date",
        "Invalid date",
        "The cell is not a date of the allowed form (YYYY, YYYY-MM or YYYY-MM-DD in ASCII digits; YYYY-MM-DD "
        "for checked and accessed), or not a day of the calendar.",
        "Write the date as the source gives it, e.g. 2014, 2014-07 or 2014-07-01.",
        ("cell",),
    ),
    Code(
        "future-date",
        "Date in the future",
        "The date lies after today. Only scheduled ends (end_of_life, until, end_of_support, end-of-life events) may.",
        "Correct the date, or leave the cell empty until it has happened.",
        ("cell",),
    ),
    Code(
        "not-in-enum",
        "Value not allowed",
        "The cell holds a value outside the column's list of allowed values.",
        "Use one of the values the message lists.",
        ("cell",),
    ),
    Code(
        "pattern-mismatch",
        "Malformed value",
        "The cell does not match the column's pattern: ids are lowercase slugs such as fedora-coreos, "
        "identifiers follow their registry's form (a Wikidata id is Q and digits).",
        "Write the value in the form the schema page gives for the column.",
        ("cell",),
    ),
    Code(
        "too-long",
        "Cell too long",
        "The cell is longer than the column allows; a quote is a short excerpt (at most 200 characters).",
        "Shorten it.",
        ("cell",),
    ),
    Code(
        "insecure-url",
        "Insecure URL",
        "The URL does not start with https:// (javascript: and data: are refused; http: only for a page that has "
        "no https address, which the row's note says).",
        "Use the page's https address, or say in note why the page has none.",
        ("cell",),
    ),
    Code(
        "unpinned-link",
        "Link to a moving branch",
        "The URL links a file on a repository branch (main, master, HEAD, …): the text under it can change "
        "or vanish, and the quote with it.",
        "Link the file at a commit SHA or a release tag (on GitHub, press y on the file's page), "
        "with #L<n> where the quote sits.",
        ("cell",),
    ),
    Code(
        "invalid-url",
        "Invalid URL",
        "The URL has no host or holds spaces.",
        "Paste the address as the browser shows it.",
        ("cell",),
    ),
    Code(
        "formula-cell",
        "Formula cell",
        "The cell starts with =, +, - or @, which spreadsheet programs run as a formula.",
        "Reword it.",
        ("cell",),
    ),
    Code(
        "control-character",
        "Control character",
        "The cell holds a control or invisible character (a line break, a tab, a non-breaking space).",
        "Remove it.",
        ("cell",),
    ),
    Code(
        "surrounding-whitespace",
        "Surrounding whitespace",
        "The cell starts or ends with whitespace.",
        "Trim it.",
        ("cell",),
    ),
    # Keys and references
    Code(
        "duplicate-key",
        "Duplicate key",
        "Two rows share the same primary key (or the same value in a unique column).",
        "Merge them, or tell the periods apart with since.",
        ("reference",),
    ),
    Code(
        "unknown-reference",
        "Unknown reference",
        "The cell names an id that the referenced table does not have.",
        "Fix the spelling, or add the row it refers to.",
        ("reference",),
    ),
    Code(
        "unused-source",
        "Unused source",
        "No fact cites this source.",
        "Cite it from a fact, or remove it.",
        ("reference",),
    ),
    # Meaning
    Code(
        "date-order",
        "Dates out of order",
        "A start lies after its end: first_release after end_of_life, since after until, or a release line's "
        "start, latest release and end of support out of order.",
        "Correct whichever date is wrong.",
        ("rule",),
    ),
    Code(
        "status-mismatch",
        "Status contradicts end of life",
        "discontinued needs an end_of_life in the past; active and maintenance cannot have an end_of_life in the past.",
        "Correct the status or the end of life.",
        ("rule",),
    ),
    Code("self-loop", "Self-loop", "A lineage edge leads from a distro to itself.", "Remove the edge.", ("rule",)),
    Code(
        "lineage-cycle",
        "Lineage cycle",
        "The lineage edges form a cycle: a distro would be its own ancestor.",
        "Remove or reverse the edge named in the message.",
        ("rule",),
    ),
    Code(
        "duplicate-fact",
        "Duplicate fact",
        "Two rows state the same fact: an event once at a coarser date (2018 and 2018-01-30), or two "
        "entities under one name.",
        "Keep the more precise row and delete the other.",
        ("rule",),
    ),
    Code(
        "confusable-name",
        "Confusable name",
        "A name looks the same as another one (Unicode confusables, UTS #39): a Cyrillic о for a Latin o, "
        "a digit 0 for a letter O.",
        "Write the name in the same characters as the other, or make it really differ.",
        ("rule",),
    ),
    Code(
        "overlapping-periods",
        "Overlapping periods",
        "Two rows give the same distro and feature (or runtime) for periods that overlap.",
        "Close one with until.",
        ("rule",),
    ),
    Code(
        "ended-mismatch",
        "Reason for the end missing or misplaced",
        "A distro_runtimes row with until must say why it ended (ended); one without until must not.",
        "Set ended when until is set, or empty it.",
        ("rule",),
    ),
    Code(
        "rolling-with-end",
        "Rolling line with a scheduled end",
        "A release line marked rolling (no end by design) gives an end_of_support after today. A rolling line "
        "may have ended (a stream closed with its distribution), but not on a schedule.",
        "Empty end_of_support, or set rolling to no.",
        ("rule",),
    ),
    # Evidence
    Code(
        "missing-reasoning",
        "Inferred without reasoning",
        "The row's basis is inferred, but it does not say how the value follows from the page.",
        "Say how in one sentence: in detail for distro_features, in note for the other fact tables.",
        ("evidence",),
    ),
    Code(
        "missing-quote",
        "Stated without a quote",
        "The row's basis is stated, but it has no quote showing the page says it.",
        "Add a verbatim excerpt of at most 200 characters, or mark the row inferred and give the reasoning.",
        ("evidence",),
    ),
    Code(
        "secondary-source",
        "Secondary source without a reason",
        "A press or blog source must say in note why no primary source serves.",
        "Cite the project's own page instead, or write the reason in note.",
        ("evidence",),
    ),
    Code(
        "upstream-base-facts",
        "Facts about an upstream base",
        "An upstream base (kind upstream-base) is here only as a root of lineage; it has no feature or runtime rows.",
        "Remove the rows, or change the distro's kind.",
        ("evidence",),
    ),
    # Checks that read the network, on a schedule (kb links, kb evidence)
    Code(
        "broken-link",
        "Broken link",
        "A source's URL did not answer with a 2xx status when kb links checked it.",
        "Open the page: if it moved, update url (and accessed); if it is gone, cite an archived copy or another page.",
        ("link", "network"),
    ),
    Code(
        "quote-not-found",
        "Quote not found",
        "kb evidence fetched the source's page, and the row's quote is not on it (whitespace, case and markup aside).",
        "Copy the quote from the page again, or link the version of the page that holds it (a commit or tag).",
        ("evidence", "network"),
    ),
    Code(
        "page-unreachable",
        "Page unreachable",
        "kb evidence could not fetch the source's page (an HTTP error, a timeout or no network), so its quotes "
        "were not checked.",
        "Open the URL; if the page moved, link its new or archived address.",
        ("evidence", "network"),
    ),
    Code(
        "wikidata-disagrees",
        "Wikidata disagrees",
        "kb crosscheck found that the distribution's Wikidata item (its wikidata column) gives another inception "
        "(P571) than first_release, another developer (P178) than the vendor, or another base (P144) than the "
        "lineage says.",
        "Check both against a primary source; correct this row, or Wikidata.",
        ("rule", "network"),
    ),
]

CATALOGUE: dict[str, Code] = {code.code: code for code in _CODES}
