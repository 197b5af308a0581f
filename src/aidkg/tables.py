"""Project tables (项目公示, 项目清单): rows read by their column headings.

Notices list projects as a table — 项目名称 | 建设地点 | 总投资（万元） | 援建单位 — whose rows are
no sentences the relation patterns could read. Ingest writes each table row as one line with its
cells one space apart (HTML), and plain-text or Markdown tables look the same; here a line whose
cells are known headings (data/table_columns.json) starts a table, and each following line with
as many cells is a row. Two pipeline stages:

* `mark_table_cells` (after recognise): a project cell becomes a Project mention unless a name
  already covers it; investor and organiser cells become names when nothing was recognised there.
* `row_relations` (the relation rule `table-row`, run by relate): each row says where its project
  is, who funded, organised or invested in it, with the row as the evidence; `table_quantities`
  (after relate): its total investment and floor area.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources

from .document import Document, Entity, Mention
from .vocab import ORGANIZATION_CLASSES, REGION_CLASSES

_CELL = re.compile(r"[^ \t\u3000|｜]+")
_UNIT_IN_HEADING = re.compile(r"[（(]([^）)]*)[）)]")
_TOTAL_ROW = re.compile(r"^(合计|总计|小计|共计)")
_MONEY_UNITS = {"亿元": Decimal(100_000_000), "万元": Decimal(10_000), "元": Decimal(1)}
_AREA_UNITS = ("平方米", "㎡", "m²", "m2", "平米")


@dataclass
class Row:
    sentence: int
    cells: list[tuple[int, int]]      # offsets into Document.text, one per column


@dataclass
class Table:
    roles: list[str | None]           # per column: project, place, total, donor … or None
    units: list[str | None]           # per column: the unit its heading names
    rows: list[Row] = field(default_factory=list)

    def cells(self, row: Row, role: str) -> list[tuple[int, int]]:
        return [span for span, r in zip(row.cells, self.roles) if r == role]


@lru_cache(maxsize=1)
def _columns() -> dict:
    data = json.loads(resources.files("aidkg").joinpath("data", "table_columns.json").read_text("utf-8"))
    exact = {heading: role for role, headings in data["exact"].items() for heading in headings}
    return {"exact": exact, "contains": [tuple(pair) for pair in data["contains"]]}


def heading_role(heading: str) -> tuple[str | None, str | None]:
    """The role of a column from its heading, and the unit the heading names."""
    text = unicodedata.normalize("NFKC", heading).replace(" ", "")
    unit = None
    m = _UNIT_IN_HEADING.search(text)
    if m:
        unit, text = m.group(1), _UNIT_IN_HEADING.sub("", text)
    for u in (*_MONEY_UNITS, *_AREA_UNITS):
        if unit is None and text.endswith(u) and len(text) > len(u):
            unit, text = u, text[: -len(u)]
    cols = _columns()
    if text in cols["exact"]:
        return cols["exact"][text], unit
    for role, part in cols["contains"]:
        if part in text:
            return role, unit
    return None, unit


def find_tables(doc: Document) -> list[Table]:
    tables: list[Table] = []
    current: Table | None = None
    pos = 0
    for line in doc.norm.split("\n"):
        start, pos = pos, pos + len(line) + 1
        spans = [(start + m.start(), start + m.end()) for m in _CELL.finditer(line)]
        if current is not None and len(spans) == len(current.roles):
            if any(_TOTAL_ROW.match(doc.norm[a:b]) for a, b in spans[:2]):
                continue  # 合计 rows add up the others
            sent = doc.sentence_at(spans[0][0])
            if sent is not None and sent.end >= spans[-1][1]:  # the row is one sentence
                current.rows.append(Row(sent.index, spans))
            continue
        current = None
        if len(spans) < 2:
            continue
        found = [heading_role(doc.norm[a:b]) for a, b in spans]
        roles = [r for r, _ in found]
        if "project" in roles and sum(r is not None for r in roles) >= 2:
            current = Table(roles, [u for _, u in found])
            tables.append(current)
    return [t for t in tables if t.rows]


def mark_table_cells(doc: Document) -> Document:
    doc.tables = find_tables(doc)
    for table in doc.tables:
        for row in table.rows:
            _keep_names_in_cells(doc, row)
            for role, cls in (("project", "Project"), ("investor", "Enterprise"), ("organizer", "Organization")):
                for a, b in table.cells(row, role):
                    _name_cell(doc, a, b, cls, row.sentence)
    doc.mentions.sort(key=lambda m: (m.start, -m.end))
    return doc


def _keep_names_in_cells(doc: Document, row: Row) -> None:
    """A name read across a cell boundary (the row number and the name after it) keeps the part
    in the cell where it ends, or goes."""
    first, last = row.cells[0][0], row.cells[-1][1]
    keep = []
    for m in doc.mentions:
        if m.end <= first or m.start >= last or any(a <= m.start and m.end <= b for a, b in row.cells):
            keep.append(m)
            continue
        cell = next(((a, b) for a, b in row.cells if a < m.end <= b), None)
        if cell is not None and m.end - cell[0] >= 2:
            m.start = cell[0]
            keep.append(m)
    doc.mentions[:] = keep


def _name_cell(doc: Document, a: int, b: int, cls: str, sentence: int) -> None:
    text = doc.norm[a:b]
    if b - a < 3 or re.search(r"\d", text) and cls != "Project" or re.fullmatch(r"[\d.,，、%-]+", text):
        return
    inside = [m for m in doc.mentions if a <= m.start and m.end <= b]
    if any(m.start == a and m.end == b for m in inside):
        return
    if cls != "Project" and inside:
        return  # a recognised name in an investor or organiser cell speaks for itself
    doc.mentions.append(Mention(a, b, cls, f"table:{cls.lower()}", sentence))


def row_relations(doc: Document):
    """Each row's project with its place, donors, organisers and investors, the row as the
    sentence: (subject, predicate, object, row sentence, column role)."""
    for table, row, project in _project_rows(doc):
        for place in _named(doc, table.cells(row, "place"), REGION_CLASSES):
            yield project, "locatedIn", place, row.sentence, "place"
        for donor in _named(doc, table.cells(row, "donor"), REGION_CLASSES | ORGANIZATION_CLASSES):
            yield project, "fundedBy", donor, row.sentence, "donor"
        for org in _named(doc, table.cells(row, "organizer"), ORGANIZATION_CLASSES):
            yield project, "organizedBy", org, row.sentence, "organizer"
        for firm in _named(doc, table.cells(row, "investor"), ORGANIZATION_CLASSES):
            yield firm, "investedIn", project, row.sentence, "investor"


def table_quantities(doc: Document) -> Document:
    """Each row's total investment and floor area on its project (after relate: a figure the
    sentences gave first stays)."""
    for table, row, project in _project_rows(doc):
        for col, (a, b) in enumerate(row.cells):
            role = table.roles[col]
            if role == "total" and "totalInvestment" not in project.attrs:
                value = _quantity(doc.norm[a:b], table.units[col], _MONEY_UNITS)
                if value:
                    project.attrs["totalInvestment"] = value
            elif role == "area" and "floorArea" not in project.attrs:
                value = _quantity(doc.norm[a:b], table.units[col], {u: Decimal(1) for u in _AREA_UNITS})
                if value:
                    project.attrs["floorArea"] = value
    return doc


def _project_rows(doc: Document):
    for table in doc.tables:
        for row in table.rows:
            projects = [e for a, b in table.cells(row, "project") if (e := _cell_entity(doc, a, b)) is not None]
            if len(projects) == 1:
                yield table, row, projects[0]


def _cell_entity(doc: Document, a: int, b: int) -> Entity | None:
    """The entity named by (most of) a cell: the longest name inside it."""
    inside = [m for m in doc.mentions if a <= m.start and m.end <= b and m.entity is not None]
    if not inside:
        return None
    best = max(inside, key=lambda m: m.end - m.start)
    return best.entity if (best.end - best.start) >= 0.6 * (b - a) else None


def _named(doc: Document, spans: list[tuple[int, int]], classes: frozenset[str]) -> list[Entity]:
    """The names in cells: of each run of adjacent names (江西省萍乡市) the innermost, the last."""
    out: list[Entity] = []
    for a, b in spans:
        inside = sorted((m for m in doc.mentions if a <= m.start and m.end <= b and m.entity is not None
                         and m.entity.cls in classes), key=lambda m: (m.start, -m.end))
        outer = [m for m in inside if not any(o is not m and o.start <= m.start and m.end <= o.end
                                              and (o.end - o.start) > (m.end - m.start) for o in inside)]
        for i, m in enumerate(outer):
            nxt = outer[i + 1] if i + 1 < len(outer) else None
            if nxt is not None and nxt.start == m.end:
                continue  # a chain: the next name is the one meant
            if m.entity not in out:
                out.append(m.entity)
    return out


def _quantity(text: str, heading_unit: str | None, units: dict[str, Decimal]) -> Decimal | None:
    text = unicodedata.normalize("NFKC", text).replace(",", "").replace("，", "")
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(\S*)", text)
    if not m:
        return None
    unit = m.group(2) or heading_unit
    if unit not in units:
        return None
    try:
        value = Decimal(m.group(1)) * units[unit]
    except InvalidOperation:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
