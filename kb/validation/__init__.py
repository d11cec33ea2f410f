"""The validator: reads the data package and reports every problem as ``path:line:column: code:
message``, never a traceback. It needs nothing but the standard library (no pandas, networkx or
altair), so ``kb validate`` starts fast.

Modules, in the order a run uses them: ``descriptor`` (datapackage.json), ``reader`` (a CSV file
and its header), ``cells``, ``references`` (keys), ``rules`` (meaning), ``evidence``; ``run``
drives them, ``catalogue`` lists every code, ``render`` prints the report.
"""

from kb.validation.catalogue import CATALOGUE, Issue
from kb.validation.run import Report, validate

__all__ = ["CATALOGUE", "Issue", "Report", "validate"]
