"""The lineage of the distributions as a networkx graph, and questions asked of it.

Nodes are distro ids carrying name, vendor, status, first_release and end_of_life; edges run from
the earlier or upstream distro to the later one and carry relation, date, note and source. Two
distros may be linked by more than one relation, so the graph is a MultiDiGraph keyed by relation.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from kb.schema import ALIVE

LINE = ("successor", "fork", "rebrand")  # relations that continue a line; derivative and based-on do not
CONTINUATIONS = (("successor", "fork", "rebrand", "merge"), ("derivative",))  # followed in this order


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
            kind=_value(getattr(distro, "kind", None)),
            first_release=_value(distro.first_release),
            first_release_precision=_value(getattr(distro, "first_release_precision", None)),
            end_of_life=_value(distro.end_of_life),
            end_of_life_precision=_value(getattr(distro, "end_of_life_precision", None)),
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
    """The lines, largest first (ties broken by their alphabetically first member): distros joined
    by successor, fork and rebrand edges. Derivatives and based-on edges do not merge lines."""
    line = nx.Graph()
    line.add_nodes_from(graph)
    line.add_edges_from((a, b) for a, b, relation in graph.edges(keys=True) if relation in LINE)
    return sorted(nx.connected_components(line), key=lambda family: (-len(family), min(family)))


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
    successions, forks, rebrands and merges, nearest first, then by name; only when these lead nowhere,
    its derivatives too."""
    for relations in CONTINUATIONS:
        found = _nearest_living(graph, distro, relations)
        if found:
            return found
    return []


def _nearest_living(graph: nx.MultiDiGraph, distro: str, relations: tuple[str, ...]) -> list[str]:
    found: dict[str, int] = {}
    frontier, seen, depth = [distro], {distro}, 0
    while frontier:
        depth += 1
        following = []
        for node in frontier:
            for _, child, relation in graph.out_edges(node, keys=True):
                if relation in relations and child not in seen:
                    seen.add(child)
                    if is_alive(graph, child):
                        found.setdefault(child, depth)
                    else:
                        following.append(child)
        frontier = following
    return sorted(found, key=lambda node: (found[node], node))


def kind_change(graph: nx.MultiDiGraph, distro: str, heir: str) -> str:
    """'' when ``heir`` is of the same kind as ``distro``, else 'kind a → kind b'."""
    a, b = graph.nodes[distro].get("kind"), graph.nodes[heir].get("kind")
    return "" if a == b or not (a and b) else f"{a} → {b}"


def family_labels(graph: nx.MultiDiGraph, independent: str = "Distributions with no line") -> dict[str, str]:
    """Map each distro to the name of its line, after its roots (members that continue no other
    member of the line); distros alone in their line share the label ``independent``."""
    labels = {}
    for family in families(graph):
        if len(family) == 1:
            label = independent
        else:
            inside = graph.subgraph(family)
            roots = [d for d in family if not any(r in LINE for _, _, r in inside.in_edges(d, keys=True))]
            label = " / ".join(sorted(graph.nodes[d]["name"] for d in roots)) + " line"
        labels |= dict.fromkeys(family, label)
    return labels


def acquisitions(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The acquisition events with the names of buyer and bought, oldest first (for the timeline)."""
    names = dict(zip(tables["organizations"]["id"], tables["organizations"]["name"], strict=True))
    events = tables["events"]
    deals = events[events["kind"] == "acquisition"][["date", "subject", "object"]]
    deals = deals.assign(subject_name=deals["subject"].map(names), object_name=deals["object"].map(names))
    return deals.sort_values("date").reset_index(drop=True)
