"""SPARQL 1.1 query results written out: JSON, XML, CSV and TSV results, RDF for graph results,
and an Excel workbook (XLSX) of a table for spreadsheets.

Our own writers (rather than pyoxigraph's serialize) so that a result-size limit can stop a
result part-way and the same rows feed the terminal table.
"""
from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from aidkg.store import PREFIXES, WRITE_PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_XSD = "http://www.w3.org/2001/XMLSchema#"
# literals a spreadsheet gets as numbers (so a column can be summed there)
NUMERIC_TYPES = frozenset(_XSD + t for t in (
    "integer", "decimal", "double", "float", "long", "int", "short", "byte", "nonNegativeInteger",
    "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
    "unsignedShort", "unsignedByte"))

from .formats import GRAPH_FORMATS, GRAPH_TYPES, SOLUTION_TYPES  # noqa: E402 — the one registry
# other names clients use for the same formats
_ALIASES = {
    "application/json": "json", "application/sparql-results+json": "json",
    "application/xml": "xml", "text/xml": "xml", "application/sparql-results+xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
    "text/turtle": "ttl", "application/x-turtle": "ttl", "application/ld+json": "jsonld",
    "application/n-triples": "nt", "text/plain": "nt", "application/rdf+xml": "rdfxml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}
FORMAT_NAMES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "ttl": "ttl", "turtle": "ttl",
                "jsonld": "jsonld", "json-ld": "jsonld", "nt": "nt", "ntriples": "nt", "rdfxml": "rdfxml",
                "xlsx": "xlsx", "excel": "xlsx"}


class ResultTooLarge(Exception):
    def __init__(self, limit: int):
        super().__init__(f"the result has more than {limit} rows; add a LIMIT (or ask for fewer rows)")
        self.limit = limit


class NotAcceptable(Exception):
    pass


@dataclass
class Table:
    variables: list[str]
    rows: list[list]          # pyoxigraph terms or None


def result_kind(result) -> str:
    if isinstance(result, ox.QuerySolutions):
        return "solutions"
    if isinstance(result, ox.QueryBoolean):
        return "boolean"
    return "graph"


def collect(result, max_rows: int | None = None) -> Table:
    variables = [v.value for v in result.variables]
    rows = []
    for solution in result:
        if max_rows is not None and len(rows) >= max_rows:
            raise ResultTooLarge(max_rows)
        rows.append([solution[v] for v in variables])
    return Table(variables, rows)


def collect_triples(result, max_rows: int | None = None) -> list:
    triples = []
    for t in result:
        if max_rows is not None and len(triples) >= max_rows:
            raise ResultTooLarge(max_rows)
        triples.append(t)
    return triples


# --- content negotiation -------------------------------------------------------------------
def negotiate(accept: str | None, kind: str) -> str:
    """The format to answer in for an Accept header, for a result of `kind`."""
    offered = GRAPH_TYPES if kind == "graph" else SOLUTION_TYPES
    default = "ttl" if kind == "graph" else "json"
    if not accept:
        return default
    ranges = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranges.append((-q, i, fields[0].lower()))
    for negq, _, media in sorted(ranges):
        if negq == 0:
            break
        if media in ("*/*", "application/*", "text/*") or media == "":
            return default
        fmt = _ALIASES.get(media)
        if fmt in offered:
            return fmt
    raise NotAcceptable(f"cannot answer in {accept}; offered: {', '.join(offered.values())}")


# --- writers ---------------------------------------------------------------------------------
def serialize(result, fmt: str, max_rows: int | None = None) -> tuple[str, bytes]:
    """(content type, body) for any query result."""
    kind = result_kind(result)
    if kind == "graph":
        fmt = fmt if fmt in GRAPH_TYPES else "ttl"
        return GRAPH_TYPES[fmt], write_graph(collect_triples(result, max_rows), fmt)
    if fmt not in SOLUTION_TYPES:
        raise NotAcceptable(f"a {'boolean' if kind == 'boolean' else 'SELECT'} result is not {fmt}")
    if kind == "boolean":
        return SOLUTION_TYPES[fmt], write_boolean(bool(result), fmt)
    return SOLUTION_TYPES[fmt], write_table(collect(result, max_rows), fmt)


def write_graph(triples, fmt: str) -> bytes:
    prefixes = WRITE_PREFIXES if fmt in ("ttl", "rdfxml") else None
    return ox.serialize(triples, format=GRAPH_FORMATS[fmt], prefixes=prefixes) or b""


def write_boolean(value: bool, fmt: str) -> bytes:
    if fmt == "xlsx":
        return _xlsx(Table(["boolean"], [[ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD_BOOLEAN))]]))
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return (b'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                b"<head/><boolean>" + (b"true" if value else b"false") + b"</boolean></sparql>\n")
    return b"true\r\n" if value else b"false\r\n"


def write_table(table: Table, fmt: str) -> bytes:
    return {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv, "xlsx": _xlsx}[fmt](table)


def _json_term(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            out["datatype"] = t.datatype.value
        return out
    return {"type": "triple", "value": {"subject": _json_term(t.subject),
                                        "predicate": _json_term(t.predicate), "object": _json_term(t.object)}}


def _json(table: Table) -> bytes:
    bindings = [{v: _json_term(t) for v, t in zip(table.variables, row) if t is not None} for row in table.rows]
    doc = {"head": {"vars": table.variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _x(s: str) -> str:
    return escape(_XML_BAD.sub("\ufffd", s))


def _xml_term(t) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{_x(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{_x(t.value)}</bnode>"
    if t.language:
        return f"<literal xml:lang={quoteattr(t.language)}>{_x(t.value)}</literal>"
    if t.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(t.datatype.value)}>{_x(t.value)}</literal>"
    return f"<literal>{_x(t.value)}</literal>"


def _xml(table: Table) -> bytes:
    out = io.StringIO()
    out.write('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>')
    out.writelines(f"<variable name={quoteattr(v)}/>" for v in table.variables)
    out.write("</head>\n<results>\n")
    for row in table.rows:
        out.write("<result>")
        out.writelines(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                       for v, t in zip(table.variables, row) if t is not None)
        out.write("</result>\n")
    out.write("</results>\n</sparql>\n")
    return out.getvalue().encode("utf-8")


def _csv_field(t) -> str:
    if t is None:
        return ""
    s = "_:" + t.value if isinstance(t, ox.BlankNode) else t.value
    if any(c in s for c in ',"\r\n'):
        s = '"' + s.replace('"', '""') + '"'
    return s


def _csv(table: Table) -> bytes:
    lines = [",".join(table.variables)]
    lines += [",".join(_csv_field(t) for t in row) for row in table.rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _tsv_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def tsv_term(t) -> str:
    """A term as SPARQL TSV (Turtle syntax) writes it."""
    if t is None:
        return ""
    if isinstance(t, ox.NamedNode):
        return f"<{t.value}>"
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    if not isinstance(t, ox.Literal):
        return str(t)
    if t.language:
        return f'"{_tsv_escape(t.value)}"@{t.language}'
    dt = t.datatype.value
    if dt == XSD_STRING:
        return f'"{_tsv_escape(t.value)}"'
    if dt == XSD_INTEGER and re.fullmatch(r"[+-]?\d+", t.value):
        return t.value
    return f'"{_tsv_escape(t.value)}"^^<{dt}>'


def _tsv(table: Table) -> bytes:
    lines = ["\t".join("?" + v for v in table.variables)]
    lines += ["\t".join(tsv_term(t) for t in row) for row in table.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


XLSX_MAX_TEXT = 32767  # characters in one Excel cell
XLSX_MAX_ROWS = 1048575  # rows below the header


def _xlsx_number(t) -> float | None:
    """A numeric literal as the float a spreadsheet holds, when that loses nothing (≤ 15 digits)."""
    if not isinstance(t, ox.Literal) or t.datatype.value not in NUMERIC_TYPES:
        return None
    from decimal import Decimal, InvalidOperation
    try:
        value = Decimal(t.value)
    except InvalidOperation:
        return None
    if not value.is_finite() or len(value.normalize().as_tuple().digits) > 15:
        return None  # Excel keeps 15 significant digits: more are written as text, never rounded
    return float(value)


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)  # CJK characters are two columns wide


def _xlsx(table: Table) -> bytes:
    """One sheet: the variable names as a header row, numbers as numbers, every other term as the
    text CSV gives it (IRIs, literals without their language or type). Text is never read as a
    formula or a link (a cell starting with = stays text)."""
    import xlsxwriter
    if len(table.rows) > XLSX_MAX_ROWS:
        raise ResultTooLarge(XLSX_MAX_ROWS)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_urls": False, "strings_to_numbers": False})
    sheet = book.add_worksheet("answer")
    header = book.add_format({"bold": True, "bg_color": "#EEEEFF"})
    sheet.write_row(0, 0, table.variables, header)
    sheet.freeze_panes(1, 0)
    widths = [_display_width(v) for v in table.variables]
    for r, row in enumerate(table.rows, 1):
        for c, t in enumerate(row):
            if t is None:
                continue
            number = _xlsx_number(t)
            if number is not None:
                sheet.write_number(r, c, number)
                widths[c] = max(widths[c], len(t.value))
                continue
            text = ("_:" + t.value if isinstance(t, ox.BlankNode) else t.value)[:XLSX_MAX_TEXT]
            sheet.write_string(r, c, _XML_BAD.sub("\ufffd", text))
            widths[c] = max(widths[c], _display_width(text[:80]))
    for c, width in enumerate(widths):
        sheet.set_column(c, c, min(max(width, 6), 60) + 2)
    book.close()
    return out.getvalue()


# --- for people ------------------------------------------------------------------------------
_SHORT = sorted(((iri, p) for p, iri in PREFIXES.items()), key=lambda x: -len(x[0]))


def compact(t) -> str:
    """A term as a person reads it: prefixed IRIs, plain literal values."""
    if t is None:
        return ""
    if isinstance(t, ox.NamedNode):
        for iri, p in _SHORT:
            if t.value.startswith(iri):
                return f"{p}:{t.value[len(iri):]}"
        return f"<{t.value}>"
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    if isinstance(t, ox.Literal):
        return t.value
    return str(t)


def compact_json(value: dict | None) -> str:
    """A SPARQL JSON results term as `compact` shows it."""
    if value is None:
        return ""
    if value["type"] == "uri":
        return compact(ox.NamedNode(value["value"]))
    if value["type"] == "bnode":
        return f"_:{value['value']}"
    return value["value"]
