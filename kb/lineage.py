"""The lineage of the distributions as a networkx graph, and questions asked of it.

Nodes are distro ids carrying name, vendor, status, first_release and end_of_life; edges run from
the earlier or upstream distro to the later one and carry relation, date, note and source. Two
distros may be linked by more than one relation, so the graph is a MultiDiGraph keyed by relation.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from kb.schema import ALIVE

# The relations along which users move on; based-on only names the upstream a distro is built from.
CONTINUATIONS = ("successor", "fork", "rebrand", "merge", "derivative")


def build(tables: dict[str, pd.DataFrame]) -> nx.MultiDiGraph:
    """The lineage graph of ``kb.load()``'s tables."""
    # every relation the schema allows (the categories of the loaded column), in the schema's order
    graph = nx.MultiDiGraph(relations=tuple(pd.Categorical(tables["lineage"]["relation"]).categories))
    for distro in tables["distros"].itertuples(index=False):
        graph.add_node(
            distro.id,
            name=distro.name,
            vendor=distro.vendor,
            status=distro.status,
            first_release=_value(distro.first_release),
            end_of_life=_value(distro.end_of_life),
        )
    for edge in tables["lineage"].to_dict("records"):
        graph.add_edge(
            edge["from"],
            edge["to"],
            key=edge["relation"],
            relation=edge["relation"],
            date=_value(edge["date"]),
            note=_value(edge["note"]),
            source=edge["source"],
        )
    return graph


def _value(value):
    return None if pd.isna(value) else value


def ancestors(graph: nx.MultiDiGraph, distro: str) -> set[str]:
    """Every distro that ``distro`` descends from, through any relation."""
    return nx.ancestors(graph, distro)


def descendants(graph: nx.MultiDiGraph, distro: str) -> set[str]:
    """Every distro that descends from ``distro``, through any relation."""
    return nx.descendants(graph, distro)


def families(graph: nx.MultiDiGraph) -> list[set[str]]:
    """The connected families, largest first (ties broken by their alphabetically first member)."""
    return sorted(nx.weakly_connected_components(graph), key=lambda family: (-len(family), min(family)))


def is_alive(graph: nx.MultiDiGraph, distro: str) -> bool:
    return graph.nodes[distro]["status"] in ALIVE


def living_families(graph: nx.MultiDiGraph) -> list[set[str]]:
    """Families with at least one distro that is still supported."""
    return [family for family in families(graph) if any(is_alive(graph, distro) for distro in family)]


def extinct_families(graph: nx.MultiDiGraph) -> list[set[str]]:
    """Families whose every distro is discontinued."""
    return [family for family in families(graph) if not any(is_alive(graph, distro) for distro in family)]


def continuations(graph: nx.MultiDiGraph, distro: str) -> list[str]:
    """Where the users of ``distro`` can go: the nearest living distros reached by following its
    successions, forks, rebrands, merges and derivatives, nearest first, then by name."""
    found: dict[str, int] = {}
    frontier, seen, depth = [distro], {distro}, 0
    while frontier:
        depth += 1
        following = []
        for node in frontier:
            for _, child, relation in graph.out_edges(node, keys=True):
                if relation in CONTINUATIONS and child not in seen:
                    seen.add(child)
                    if is_alive(graph, child):
                        found.setdefault(child, depth)
                    else:
                        following.append(child)
        frontier = following
    return sorted(found, key=lambda node: (found[node], node))


def family_labels(graph: nx.MultiDiGraph, independent: str = "Independent distributions") -> dict[str, str]:
    """Map each distro to the name of its family (after its oldest member); distros without any
    lineage edge share the label ``independent``."""
    labels = {}
    for family in families(graph):
        if len(family) == 1:
            label = independent
        else:
            oldest = min(family, key=lambda d: (graph.nodes[d]["first_release"] or pd.Timestamp.max, d))
            label = f"{graph.nodes[oldest]['name']} family"
        labels |= dict.fromkeys(family, label)
    return labels


def acquisitions(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The acquisition events with the names of buyer and bought, oldest first (for the timeline)."""
    names = dict(zip(tables["organizations"]["id"], tables["organizations"]["name"], strict=True))
    events = tables["events"]
    deals = events[events["kind"] == "acquisition"][["date", "subject", "object"]]
    deals = deals.assign(subject_name=deals["subject"].map(names), object_name=deals["object"].map(names))
    return deals.sort_values("date").reset_index(drop=True)
