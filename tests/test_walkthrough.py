"""A new contributor adds a distribution, a base edge and a fact by the steps of CONTRIBUTING.md,
edits the fact and removes another, with the documented commands only; the strict build then
publishes the page."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, ROOT, build_site

KB = str(Path(sys.executable).with_name("kb"))
STEPS = [
    "add sources id=acme-os-docs url=https://acme.example/docs/ 'title=Acme OS documentation' publisher=Acme "
    "type=documentation",
    "add organizations id=acme name=Acme homepage=https://acme.example/",
    "add distros id=acme-os 'name=Acme OS' vendor=acme status=active kind=container-host first_release=2021-03 "
    "'description=Acme OS is a container host. It updates itself as a whole image.' source=acme-os-docs",
    "add distro_features distro=acme-os feature=selinux value=partial 'detail=permissive mode' source=acme-os-docs "
    "basis=inferred",
    "add distro_runtimes distro=acme-os runtime=containerd support=default source=acme-os-docs basis=stated "
    "'quote=containerd is the default container runtime.'",
    "add lineage from=coreos-container-linux to=acme-os relation=fork date=2021-03 source=acme-os-docs basis=stated "
    "'quote=Acme OS began as a fork of CoreOS Container Linux.'",
    "add lineage from=debian to=acme-os relation=based-on source=acme-os-docs basis=stated "
    "'quote=Acme OS is built from Debian packages.'",
    "add distro_features distro=acme-os feature=no-ssh value=no source=acme-os-docs basis=stated "
    "'quote=An SSH server runs by default.'",
    "edit distro_features distro=acme-os feature=selinux --set value=yes 'detail=enforcing by default' basis=stated "
    "'quote=SELinux is enforcing by default.'",
    "rm distro_features distro=acme-os feature=no-ssh",
    "validate",
    "fmt --check",
]


def test_the_guide_shows_these_steps() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for command in ("kb add sources", "kb add organizations", "kb add distros", "kb add distro_features",
                    "kb edit distro_features", "kb rm distro_features", "kb validate", "make serve"):  # fmt: skip
        assert command in guide


@pytest.mark.slow
def test_a_new_distribution_reaches_the_site(site, tmp_path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for step in STEPS:
        words = shlex.split(step)
        command = [KB, *words, "--data", str(data)] if words[0] in ("add", "edit", "rm") else [KB, *words, str(data)]
        result = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
        assert result.returncode == 0, f"kb {step}\n{result.stdout}{result.stderr}"
    cache = tmp_path / "cache"
    shutil.copytree(ROOT / ".cache", cache)
    built = build_site(tmp_path / "site", KB_DATA=str(data), KB_CACHE=str(cache))
    assert built.returncode == 0, built.stderr[-3000:]
    page = (tmp_path / "site" / "distros" / "acme-os" / "index.html").read_text(encoding="utf-8")
    assert "Acme OS is a container host." in page and "enforcing by default" in page
    assert "permissive mode" not in page and "An SSH server runs by default." not in page
    assert 'href="../coreos-container-linux/"' in page and 'href="../debian/"' in page
    assert "Acme OS" in (tmp_path / "site" / "compare" / "index.html").read_text(encoding="utf-8")
