# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Chooser
#
# **Question:** given a set of requirements, which distributions qualify?
#
# Tick the requirements under the chart: distributions that miss any of them turn grey. The chart
# needs no server; the checkboxes are Vega parameters evaluated in the page. A requirement counts as
# met only when the value is *yes*, unless you also tick the box that counts *partial* and
# *optional* values. Upstream bases, which carry no feature rows, are not listed.

# %%
import kb
from kb import charts, features
from kb.present import findings, names

TABLES = ("distros", "features", "distro_features")  # what this report reads; a change elsewhere does not rerun it
tables = kb.load(tables=TABLES)
wide = features.wide(tables)
REQUIREMENTS = {
    "active": "Still supported",
    "selinux": "SELinux",
    "no-ssh": "No SSH",
    "automatic-updates": "Automatic updates",
    "image-based-updates": "Image-based updates",
    "rollback": "Rollback",
    "read-only-root": "Read-only root",
    "secure-boot": "Secure Boot",
    "dm-verity": "dm-verity",
    "ignition": "Ignition",
    "cloud-init": "cloud-init",
    "no-package-manager": "No package manager",
}

# %%
charts.chooser(wide, REQUIREMENTS)


# %% [markdown]
# ## A worked example
#
# The same question asked in Python: which supported distributions enforce SELinux, have no SSH,
# update themselves automatically and update as a whole image? **Rule:** a requirement is met by
# **yes** only; the same question is then asked with partial and optional accepted, and the
# distributions that miss a requirement only because its value is unknown are named apart.


# %%
def qualifying(requirements: list[str], accepted: tuple[str, ...] = ("yes",)) -> list[str]:
    rows = wide[wide["status"] != "discontinued"]
    for feature in requirements:
        rows = rows[rows[feature].isin(accepted)]
    return sorted(rows["name"])


def blocked_by_unknown(requirements: list[str]) -> list[str]:
    """Supported distributions that no requirement rules out by a known value, but one or more is unknown."""
    rows = wide[wide["status"] != "discontinued"]
    possible = rows[requirements].isin(["yes", features.UNKNOWN]).all(axis=1)
    unknown = (rows[requirements] == features.UNKNOWN).any(axis=1)
    return sorted(rows[possible & unknown]["name"])


STRICT = ["selinux", "no-ssh", "automatic-updates", "image-based-updates"]
RELAXED = ["selinux", "automatic-updates", "image-based-updates"]
LENIENT = ("yes", "partial", "optional")
supported = int((wide["status"] != "discontinued").sum())
findings(
    "a requirement is met by yes; the lenient count also accepts partial and optional; unknown never meets one.",
    f"Of {supported} supported distributions compared, with SELinux, no SSH, automatic updates and image-based "
    f"updates all required: {len(qualifying(STRICT))} qualify: {names(qualifying(STRICT))}; accepting partial "
    f"and optional: {len(qualifying(STRICT, LENIENT))}: {names(qualifying(STRICT, LENIENT))}. Unknown values "
    f"alone keep out: {names(blocked_by_unknown(STRICT))}.",
    f"Dropping the no-SSH requirement: {len(qualifying(RELAXED))} qualify: {names(qualifying(RELAXED))}; "
    f"accepting partial and optional: {len(qualifying(RELAXED, LENIENT))}. Unknown values alone keep out: "
    f"{names(blocked_by_unknown(RELAXED))}.",
)
