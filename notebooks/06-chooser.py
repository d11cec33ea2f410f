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
# *optional* values.

# %%
from IPython.display import Markdown

import kb
from kb import charts, features

tables = kb.load()
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
# update themselves automatically and update as a whole image?


# %%
def qualifying(requirements: list[str]) -> list[str]:
    rows = wide[wide["status"] != "discontinued"]
    for feature in requirements:
        rows = rows[rows[feature] == "yes"]
    return sorted(rows["name"])


strict = qualifying(["selinux", "no-ssh", "automatic-updates", "image-based-updates"])
relaxed = qualifying(["selinux", "automatic-updates", "image-based-updates"])
Markdown(
    f"""
### Findings

- With SELinux, no SSH, automatic updates and image-based updates all required:
  {len(strict)} distributions qualify: {", ".join(strict) or "none"}.
- Dropping the no-SSH requirement: {len(relaxed)} qualify: {", ".join(relaxed) or "none"}.
"""
)
