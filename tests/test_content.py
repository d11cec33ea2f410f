"""The content meets the knowledge base's own bar: enough distributions, features, facts and events,
a sourced value for most of the matrix, and a lineage edge or an explanation for every distro."""

from __future__ import annotations

import pytest

import kb
from kb import features
from kb.schema import locate_data
from kb.validation.descriptor import read_package

REQUIRED_DISTROS = [
    "coreos-container-linux", "fedora-coreos", "rhel-coreos", "flatcar", "fedora-atomic-host", "centos-atomic-host",
    "rhel-atomic-host", "ubuntu-core", "rancheros", "k3os", "elemental", "photon-os", "bottlerocket", "talos",
    "google-cos", "azure-linux", "opensuse-microos", "sle-micro", "opensuse-leap-micro", "kairos", "balenaos",
    "garden-linux", "clear-linux", "fedora-silverblue", "fedora-iot", "alpine-linux",
]  # fmt: skip
CLASSIC_SEVEN = ["minimal-footprint", "atomic-updates", "cluster-ready", "container-runtime-autostart",
                 "read-only-root", "rollback", "ab-partitions"]  # fmt: skip


@pytest.fixture(scope="module")
def tables():
    return kb.load()


def test_the_catalogue_is_covered(tables) -> None:
    ids = set(tables["distros"]["id"])
    assert len(ids) >= 30 and set(REQUIRED_DISTROS) <= ids
    catalogue = set(tables["features"]["id"])
    assert len(catalogue) >= 25 and set(CLASSIC_SEVEN) <= catalogue
    assert {"selinux", "dm-verity", "ignition", "butane", "combustion", "ostree", "no-ssh"} <= catalogue


def test_enough_sourced_facts(tables) -> None:
    facts = read_package(locate_data()).fact_resources
    assert sum(len(tables[resource.name]) for resource in facts) >= 700
    assert len(tables["events"]) >= 15
    grid = features.cells(tables)
    assert (grid["value"] != features.UNKNOWN).mean() >= 0.90  # over the compared distributions (no bases)


def test_every_distro_traces_to_a_base_or_says_it_is_independent(tables) -> None:
    edges = tables["lineage"]
    distros = tables["distros"].set_index("id")
    bases = set(distros.index[distros["kind"] == "upstream-base"])
    graph = {child: set(group["from"]) for child, group in edges.groupby("to")}

    def roots(distro: str, seen=()) -> set[str]:
        parents = graph.get(distro, set()) - set(seen)
        return {distro} if not parents else set().union(*(roots(p, (*seen, distro)) for p in parents))

    def independent(distro: str) -> bool:
        return str(distros.loc[distro, "based_on"]).startswith("independent")

    for distro in sorted(set(distros.index) - bases):  # every line ends in a base or an independent system
        assert all(root in bases or independent(root) for root in roots(distro)), distro
    ancestors, frontier = set(), {"coreos-container-linux"}
    while frontier:
        frontier = set().union(*(graph.get(distro, set()) for distro in frontier)) - ancestors
        ancestors |= frontier
    assert {"chromium-os", "gentoo"} <= ancestors  # the seed's own example: CoreOS came from both


def test_the_key_events_are_recorded(tables) -> None:
    deals = tables["events"]
    deals = set(map(tuple, deals[deals["kind"] == "acquisition"][["subject", "object"]].to_numpy()))
    assert {("red-hat", "coreos-inc"), ("ibm", "red-hat"), ("microsoft", "kinvolk"), ("suse", "rancher-labs"),
            ("broadcom", "vmware")} <= deals  # fmt: skip
