"""Places the article names apart placed by the division tables: a county, town or regiment and
its prefecture, county or division (run after every other rule: what the text's own structure says
is said by the rules that read it)."""
from __future__ import annotations

from ... import gazetteer as gz
from ...document import Entity
from ..direction import province_sides
from ..engine import REGION, Ctx, rule
from ..places import division_of, hierarchy_predicate

FAMILY = "structure"

# the levels a named place's named parent is said for (a county's prefecture, a town's county, a
# regiment's division); a province holding a prefecture is left to chains the text writes
_PARENT_LEVELS = {"county": ("prefecture",), "township": ("county",), "regiment": ("division",)}

@rule("named-parent", FAMILY, examples={
    "疏附县今年新建学校3所。喀什地区教育局表示，喀什地区将继续推进。": [("疏附县", "locatedIn", "喀什地区")],
    "卧里托格拉克镇的果园丰收。伽师县今年增收。": [("卧里托格拉克镇", "locatedIn", "伽师县")],
    "四十四团职工参加培训。第三师领导出席。": [("四十四团", "partOf", "第三师")],
}, counter=(
    "疏附县今年新建学校3所。新疆维吾尔自治区领导出席。",   # a province holding it is not said
    "疏附县今年新建学校3所。喀什市代表团参加。",            # a city beside it holds nothing
    "江阴市对口支援霍城县。无锡市领导出席。",               # a donor's county is named for whom it helps
    "疏附县今年新建学校3所。喀什地区教育局负责人表示感谢。",  # a parent named only inside a name
))
def named_parent(ctx: Ctx):
    """A county, town or regiment on the receiving side of paired aid (新疆, 西藏, 青海 and the west of
    东西部协作) whose prefecture, county or division the article names too (not only inside a name)
    lies in it, as the division tables say: said once, where the child is first named (the article
    names both, so the reader places one in the other)."""
    gaz = gz.get_gazetteer()
    for m in ctx.ms:
        child = m.entity
        if child.cls not in REGION or m.source == "gazetteer:abbreviation" or m.role is not None:
            continue
        if m.start != min(x.start for x in child.mentions):
            continue
        d = division_of(child)
        if d is None or d.level not in _PARENT_LEVELS or not d.parent_code:
            continue
        up = gaz.by_code(d.parent_code)
        if up is None or up.level not in _PARENT_LEVELS[d.level]:
            continue
        if province_sides().get(getattr(gaz.province_of(d.code), "code", ""), "east") == "east":
            continue  # the receiving side's places: a donor's county is named for whom it helps
        parent = next((e for e in ctx.doc.entities.values() if division_of(e) is not None and division_of(e).code == up.code
                       and _named_alone(ctx, e)), None)
        if parent is not None and parent is not child:
            yield child, hierarchy_predicate(child, parent), parent

def _named_alone(ctx: Ctx, ent: Entity) -> bool:
    """Whether the article names the place itself somewhere, not only inside a longer name."""
    for x in ent.mentions:
        if x.source.startswith("coref") or x.source == "gazetteer:abbreviation" or x.role is not None:
            continue
        if not any(o is not x and o.start <= x.start and x.end <= o.end and (o.end - o.start) > (x.end - x.start)
                   and o.entity is not None and o.entity.cls not in REGION for o in ctx.doc.mentions):
            return True
    return False
