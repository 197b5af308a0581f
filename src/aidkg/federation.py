"""Which remote endpoints a SPARQL query or update would make the server contact, and whether allowed.

Oxigraph answers `SERVICE <http://…>` by sending the query to that URL and offers no switch to turn
it off, so a public endpoint would fetch any URL a visitor names (SSRF). The server therefore
refuses, before running anything, every query whose parse holds a SERVICE (or an update with a
LOAD) to a host the operator has not allowed.

Two steps keep this cheap and sound: a keyword can only be spelled with its ASCII letters (after
SPARQL's \\u escapes are expanded), so text without "service" or "load" cannot contact anything and
runs unparsed; text that has one is parsed by rdflib's SPARQL 1.1 parser and its algebra walked for
SERVICE and LOAD. A query that parser cannot read is refused rather than guessed at.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class Refused(Exception):
    """The query would contact a host the operator has not allowed."""


@dataclass(frozen=True)
class Target:
    keyword: str        # "SERVICE" or "LOAD"
    iri: str | None     # None when the endpoint is a variable


def _expand_escapes(text: str) -> str:
    def one(m):
        try:
            return chr(int(m[1] or m[2], 16))
        except (ValueError, OverflowError):
            return m[0]
    return _CODEPOINT.sub(one, text)


def may_contact(text: str, update: bool = False) -> bool:
    """False when the text certainly names no remote endpoint (the common case: no parse needed)."""
    low = _expand_escapes(text).lower()
    return "service" in low or (update and "load" in low)


def targets(text: str, update: bool = False) -> list[Target]:
    """Every SERVICE (and for updates LOAD) endpoint in the parsed query; ValueError if unparsable."""
    from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import URIRef

    from aidkg.store import PREFIXES

    try:
        if update:
            algebra = translateUpdate(parseUpdate(text), initNs=PREFIXES).algebra
        else:
            algebra = translateQuery(parseQuery(text), initNs=PREFIXES).algebra
    except Exception as exc:  # pyparsing and translation errors alike
        raise ValueError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None

    found: list[Target] = []

    def walk(node):
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                term = node["term"]
                found.append(Target("SERVICE", str(term) if isinstance(term, URIRef) else None))
            elif node.name == "Load":
                iri = node["iri"]
                found.append(Target("LOAD", str(iri) if isinstance(iri, URIRef) else None))
            for value in node.values():
                walk(value)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, (list, tuple)):
            for value in node:
                walk(value)

    walk(algebra)
    return found


def host_allowed(iri: str, allowed: frozenset[str]) -> bool:
    """`allowed` holds host names (any port) or host:port pairs, lower case."""
    parts = urlsplit(iri)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    host = parts.hostname.lower()
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return False
    return host in allowed or f"{host}:{port}" in allowed


def check(text: str, allowed: frozenset[str] = frozenset(), update: bool = False) -> bool:
    """Raise Refused unless every remote endpoint the text names is allowed; True if it names any."""
    if not may_contact(text, update):
        return False
    try:
        found = targets(text, update)
    except ValueError as exc:
        raise Refused(f"the text contains the word {'LOAD or ' if update else ''}SERVICE and the check for "
                      f"federated queries could not parse it ({exc}); it was not run") from None
    for t in found:
        if not allowed:
            raise Refused(f"federated queries ({t.keyword} to another endpoint) are off on this server; "
                          "the operator can allow named hosts with --allow-service HOST")
        if t.iri is None:
            raise Refused(f"{t.keyword} with a variable endpoint is not allowed; name the endpoint IRI")
        if not host_allowed(t.iri, allowed):
            raise Refused(f"{t.keyword} <{t.iri}> is not allowed: its host is not among the hosts "
                          "this server may contact (--allow-service)")
    return bool(found)


def normalise_hosts(hosts) -> frozenset[str]:
    """--allow-service values (host, host:port or a URL) as lower-case host or host:port."""
    out = set()
    for h in hosts or ():
        h = h.strip().lower()
        if "://" in h:
            parts = urlsplit(h)
            h = parts.netloc.rsplit("@", 1)[-1]
        h = h.strip("/")
        if h:
            out.add(h)
    return frozenset(out)
