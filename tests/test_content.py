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
    assert (grid["value"] != features.UNKNOWN).mean() >= 0.85


def test_every_distro_has_lineage_or_says_why_not(tables) -> None:
    edges = set(tables["lineage"]["from"]) | set(tables["lineage"]["to"])
    distros = tables["distros"]
    alone = distros[~distros["id"].isin(edges)]
    assert all("lineage" in str(note).lower() for note in alone["note"]), list(alone["id"])


def test_the_key_events_are_recorded(tables) -> None:
    deals = tables["events"]
    deals = set(map(tuple, deals[deals["kind"] == "acquisition"][["subject", "object"]].to_numpy()))
    assert {("red-hat", "coreos-inc"), ("ibm", "red-hat"), ("microsoft", "kinvolk"), ("suse", "rancher-labs"),
            ("broadcom", "vmware")} <= deals  # fmt: skip
