"""Every identifier rule in one place: the IRIs of entities, articles, their named graphs,
statements, facts, money flows and mentions, and the content hash. IRIs are deterministic: the same
thing extracted twice, from one article or two, gets the same IRI (ARCHITECTURE.md, "RDF shape")."""
from __future__ import annotations

import hashlib

from .vocab import GRAPH, ID


def digest(*parts: str, n: int = 16) -> str:
    """The first `n` hex digits of the sha1 of the parts joined by U+001F."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:n]


def content_hash(text: str) -> str:
    """sha256 of an article's decoded text: an unchanged article is not built again."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ------------------------------------------------------------------ entities (keys under id/)
def named_key(family: str, identity: str) -> str:
    """An entity without a division code: its family (org, project, person, programme, region)
    and 12 hex digits of its identifying name (`region/x-…` for places without a code)."""
    return f"region/x-{digest(identity, n=12)}" if family == "region" else f"{family}/{digest(identity, n=12)}"


def division_key(code: str, official: bool, xpcc: bool) -> str:
    """A division of the reference data: by its official code, an XPCC unit by its slug."""
    if official:
        return f"region/{code}"
    if xpcc:
        return f"xpcc/{code}"
    return named_key("region", code)


# ------------------------------------------------------------------ articles and what they state
def article_key(source: str) -> str:
    """16 hex digits of the article's source (resolved path or URL): its identity."""
    return digest(source)


def article_iri(source: str):
    return ID[f"article/{article_key(source)}"]


def article_graph_iri(source: str):
    return GRAPH[f"article/{article_key(source)}"]


def statement_key(s: str, p: str, o: str, article: str, sentence_start: int) -> str:
    return f"statement/{digest(s, p, o, article, str(sentence_start))}"


def reference_key(article: str, start: int) -> str:
    """A referring expression (该县, 我省) at `start` of the article: one node, shared by the
    statements and money figures that rest on it."""
    return f"reference/{digest(article, str(start))}"


def fact_key(article: str, sentence_start: int, index: int, description: str) -> str:
    return f"fact/{digest(article, str(sentence_start), str(index), description)}"


def money_key(article_key_: str, start: int, amount: str) -> str:
    return f"money/{digest(article_key_, str(start), amount)}"


def mention_key(entity: str, article: str, sentence_start: int) -> str:
    return f"mention/{digest(entity, article, str(sentence_start))}"
