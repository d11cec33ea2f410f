"""CONTRIBUTING.md stays true to the schema, the repository has its contributor files, and generated
pages escape what the CSVs hold."""

from __future__ import annotations

import json
import re

import markdown
import pandas as pd
import pytest
import yaml
from conftest import DATA, ROOT

from kb.site import chooser, compare, pages
from kb.site.context import Site
from kb.validation import validate
from kb.validation.descriptor import read_package

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
RESOURCES = read_package(DATA).resources


def section(name: str) -> str:
    return GUIDE.split(f"### {name}\n", 1)[1].split("\n### ", 1)[0]


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda r: r.name)
def test_every_table_has_a_template_marking_required_columns(resource) -> None:
    text = section(resource.name)
    listed = {
        kind: re.findall(r"`([\w]+)`", line) for kind, line in re.findall(r"^(Required|Optional): (.*)$", text, re.M)
    }
    assert set(listed.get("Required", [])) == {f.name for f in resource.fields if f.required}
    assert set(listed.get("Optional", [])) == {f.name for f in resource.fields if not f.required}
    assert ",".join(resource.field_names) in text  # the header to copy


def test_the_repository_has_its_contributor_files() -> None:
    for path in ("LICENSE", "data/LICENSE.md", "CITATION.cff", ".pre-commit-config.yaml",
                 ".github/PULL_REQUEST_TEMPLATE.md", ".github/ISSUE_TEMPLATE/add-distro.yml",
                 ".github/ISSUE_TEMPLATE/wrong-fact.yml", ".github/ISSUE_TEMPLATE/suggest-feature.yml"):  # fmt: skip
        assert (ROOT / path).is_file(), path
    assert read_package(DATA).licenses[0]["name"] == "CC-BY-4.0"
    assert yaml.safe_load((ROOT / "CITATION.cff").read_text())["cff-version"] == "1.2.0"


def test_the_wrong_fact_form_has_the_fields_the_site_prefills() -> None:
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/wrong-fact.yml").read_text())
    assert {"distro", "page"} <= {field.get("id") for field in form["body"]}


WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
# The jobs allowed more than reading: Pages deployment, and the weekly refresh, the one job that
# writes to the repository (it pushes a branch and opens a pull request).
WRITERS = {
    ("pages.yml", "deploy"): {"pages": "write", "id-token": "write"},
    ("refresh.yml", "refresh"): {"contents": "write", "pull-requests": "write"},
}


def actions(text: str) -> list[str]:
    return re.findall(r"uses: (\S+)", text)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_are_least_privilege_and_pinned(workflow) -> None:
    text = workflow.read_text()
    spec = yaml.safe_load(text)
    assert spec["permissions"] == {"contents": "read"}
    assert "concurrency" in spec
    assert "pull_request_target" not in text
    for name, job in spec["jobs"].items():
        assert job.get("permissions") == WRITERS.get((workflow.name, name)), (workflow.name, name)
    assert set(re.findall(r"secrets\.(\w+)", text)) <= {"GITHUB_TOKEN"}  # no secret beyond the default token
    for action in actions(text):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
    for image in re.findall(r"(?:container|image): (\S+)", text):
        assert re.fullmatch(r"[\w./:-]+@sha256:[0-9a-f]{64}", image), image


def test_every_workflow_pins_an_action_at_the_same_commit() -> None:
    pins: dict[str, set[str]] = {}
    for workflow in WORKFLOWS:
        for action in actions(workflow.read_text()):
            name, sha = action.split("@")
            pins.setdefault(name, set()).add(sha)
    assert pins and all(len(shas) == 1 for shas in pins.values()), pins


def test_the_writing_job_exists_where_it_is_allowed() -> None:
    for (file, job), permissions in WRITERS.items():
        assert (
            yaml.safe_load((ROOT / ".github/workflows" / file).read_text())["jobs"][job]["permissions"] == permissions
        )


def test_pull_requests_get_annotations_tests_and_a_preview() -> None:
    ci = (ROOT / ".github/workflows/ci.yml").read_text()
    assert "kb validate --format github" in ci and "bash .ci/run" in ci and "upload-artifact" in ci
    weekly = (ROOT / ".github/workflows/links.yml").read_text()
    assert "pull_request" not in weekly  # network checks stay off PRs
    assert "kb links --format github" in weekly and "kb evidence --format github" in weekly
    assert "kb crosscheck --format github" in weekly


def test_the_weekly_refresh_proposes_a_pull_request() -> None:
    text = (ROOT / ".github/workflows/refresh.yml").read_text()
    spec = yaml.safe_load(text)
    triggers = spec[True]  # YAML 1.1 reads the key "on" as true
    assert set(triggers) == {"schedule", "workflow_dispatch"} and triggers["schedule"][0]["cron"]
    steps = spec["jobs"]["refresh"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "kb refresh" in runs and "kb validate" in runs and "gh pr create" in runs
    assert all("uses" not in step or step["uses"].split("@")[0] in ("actions/checkout", "actions/setup-python")
               for step in steps)  # fmt: skip
    assert all(step.get("with", {}).get("persist-credentials") is False for step in steps
               if step.get("uses", "").startswith("actions/checkout"))  # fmt: skip


def test_generated_pages_escape_the_data(tmp_path) -> None:
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)> *bold* [link](javascript:alert(3))"
    data = tmp_path / "data"
    import shutil

    shutil.copytree(DATA, data)
    text = (data / "distros.csv").read_text(encoding="utf-8")
    (data / "distros.csv").write_text(text.replace(",Talos Linux,", f',"Talos {hostile}",', 1), encoding="utf-8")
    report = validate(data)
    assert report.ok, report.issues[:3]
    site = Site(report, repo_url=None, today=pd.Timestamp("2026-01-15"))
    for page in (pages.distro_page(site, "talos"), pages.distro_index(site), compare.compare_page(site)):
        html = markdown.markdown(page, extensions=["tables", "attr_list"])
        assert "<script>" not in html and "<img" not in html and 'href="javascript:' not in html
        assert "&#60;script&#62;alert&#40;1&#41;&#60;/script&#62;" in html
    choose = markdown.markdown(chooser.chooser_page(site), extensions=["tables", "attr_list"])
    embedded = re.findall(r'<script type="application/json" id="kb-chooser-data">(.*?)</script>', choose, re.DOTALL)
    assert len(embedded) == 1 and "<" not in embedded[0]  # nothing in the data can end the script
    assert any(d["name"] == f"Talos {hostile}" for d in json.loads(embedded[0])["distros"])
    assert "<script>" not in choose and "<img" not in choose

    assert "names no repository (set KB_REPO_URL)" in pages.distro_page(site, "talos")  # said plainly


def test_contributing_links_work_in_the_repository_and_on_the_site() -> None:
    from kb.site.plugin import SITE_PAGES, _site_links

    links = [link for link in re.findall(r"\]\(([^)#]+)\)", GUIDE) if "://" not in link]
    assert links and all((ROOT / link).exists() for link in links), links
    on_site = re.findall(r"\]\(([^)#]+)\)", _site_links(GUIDE))
    assert all(link in SITE_PAGES.values() for link in on_site if "://" not in link), on_site


def test_every_dependency_installs_from_a_lock_with_hashes() -> None:
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pinned = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", lock, re.M)
    hashed = re.findall(r"^([A-Za-z0-9_.-]+)==\S+ \\\n(?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+", lock, re.M)
    assert pinned and len(hashed) == len(pinned)  # every pin carries its hashes
    constraints = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", (ROOT / "constraints.txt").read_text(), re.M))
    assert {_normal(n): v for n, v in pinned} == {_normal(n): v for n, v in constraints.items()}
    makefile = (ROOT / "Makefile").read_text()
    for text in [makefile] + [workflow.read_text() for workflow in WORKFLOWS]:
        assert "-c constraints.txt" not in text
        if "requirements.lock" in text:  # installed as pinned, then proved complete
            assert "--no-deps --require-hashes -r requirements.lock" in text and "pip check" in text


def _normal(name: str) -> str:
    """A distribution name as pip compares it."""
    return name.lower().replace("_", "-")
