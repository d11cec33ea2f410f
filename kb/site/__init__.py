"""The published site: an MkDocs plugin that generates pages, the data API and notebook pages."""

import sys

# jsonschema, imported through nbformat by mkdocs-jupyter, compiles a grammar for its optional "iri"
# format check when rfc3987_syntax is installed: 3.5 s of every build, for a check that notebook
# validation never uses. Marking the module absent (the kb plugin loads before mkdocs-jupyter)
# skips it.
sys.modules.setdefault("rfc3987_syntax", None)
