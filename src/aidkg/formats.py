"""The one registry of output formats: build (graph.<fmt>), export, query answers and the server
all read it, so a format added here is offered everywhere it fits."""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class RdfFormat:
    name: str                      # the short name users type: ttl, nq …
    rdf: ox.RdfFormat
    media_type: str
    dataset: bool = False          # keeps the named graphs (one per article)
    aliases: tuple[str, ...] = ()  # other names and media types clients use


RDF_FORMATS: dict[str, RdfFormat] = {f.name: f for f in (
    RdfFormat("ttl", ox.RdfFormat.TURTLE, "text/turtle; charset=utf-8", aliases=("turtle", "text/turtle", "application/x-turtle")),
    RdfFormat("nt", ox.RdfFormat.N_TRIPLES, "application/n-triples", aliases=("ntriples", "application/n-triples", "text/plain")),
    RdfFormat("jsonld", ox.RdfFormat.JSON_LD, "application/ld+json", aliases=("json-ld", "application/ld+json")),
    RdfFormat("rdfxml", ox.RdfFormat.RDF_XML, "application/rdf+xml", aliases=("application/rdf+xml",)),
    RdfFormat("trig", ox.RdfFormat.TRIG, "application/trig", dataset=True, aliases=("application/trig",)),
    RdfFormat("nq", ox.RdfFormat.N_QUADS, "application/n-quads", dataset=True, aliases=("nquads", "application/n-quads")),
)}

# the entity network for Gephi/Cytoscape (aidkg.analysis.export_network)
NETWORK_FORMATS = ("graphml", "gexf")

# answers to SELECT/ASK
SOLUTION_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    # for spreadsheets (not a SPARQL results format: written by aidkg.sparql_format through XlsxWriter)
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

# what `aidkg build` and `aidkg export` write the store as (RDF/XML holds no named graphs and is
# offered for CONSTRUCT answers only)
EXPORT_FORMATS = {n: f.rdf for n, f in RDF_FORMATS.items() if n != "rdfxml"}
DATASET_FORMATS = {n for n, f in RDF_FORMATS.items() if f.dataset}
BUILD_FORMATS = tuple(EXPORT_FORMATS)
# what a CONSTRUCT/DESCRIBE answer can be sent as (a graph, not a dataset)
GRAPH_FORMATS = {n: f.rdf for n, f in RDF_FORMATS.items() if not f.dataset}
GRAPH_TYPES = {n: RDF_FORMATS[n].media_type for n in GRAPH_FORMATS}
