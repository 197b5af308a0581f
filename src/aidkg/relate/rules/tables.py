"""Relations read from project tables (项目公示, 项目清单): one rule, a variant per column role."""
from __future__ import annotations

from ...tables import row_relations
from ..engine import rule

FAMILY = "tables"

_TABLE = ("项目名称 建设地点 总投资（万元） 援建单位 实施单位\n"
          "职业技术学校实训楼 阿图什市 5000 江苏省 阿图什市教育局\n")
_INVESTORS = ("项目名称 投资企业\n"
              "年产5万吨纱线项目 苏州恒达纺织科技有限公司\n")


@rule("table-place", FAMILY, per_document=True,
      emits=("table-donor", "table-organizer", "table-investor"), examples={
          _TABLE: [("职业技术学校实训楼", "locatedIn", "阿图什市", ),
                   ("职业技术学校实训楼", "fundedBy", "江苏省", "table-donor"),
                   ("职业技术学校实训楼", "organizedBy", "阿图什市教育局", "table-organizer")],
          _INVESTORS: [("苏州恒达纺织科技有限公司", "investedIn", "年产5万吨纱线项目", "table-investor")],
      })
def table_rows(doc):
    """A table row names its project, the place it is built in (建设地点), its donor (援建单位),
    the body that carries it out (实施单位) and its investors (投资企业): the row is the evidence."""
    for s, p, o, sent, role in row_relations(doc):
        yield s, p, o, sent, f"table-{role}"  # the place column is the rule's own name
