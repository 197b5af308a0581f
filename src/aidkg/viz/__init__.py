"""The HTML viewer of the knowledge graph (pyvis / vis-network, offline, escaped, 50 to 20,000 nodes).

    write_html(rdf_graph_or_entity_graph, "output/graph.html", focus="名称", hops=2)
    notebook_view(graph)   # inline in Jupyter
"""
from .layout import layout
from .names import entity_names, find_entities
from .page import build_network, notebook_view, render_html, write_html
from .select import expand_classes, select_subgraph

__all__ = ["build_network", "entity_names", "expand_classes", "find_entities", "layout",
           "notebook_view", "render_html", "select_subgraph", "write_html"]
