"""`prefecture`: the 湘西州 2019 layout (seed 002).

The report opens with the whole 基础数据表 and 自评表 as one form (with the form's part labels
一、…四、, 评价人员 and the signature and approval blocks), then the narrative
整体支出绩效评价报告 in five parts, amounts in 元 with thousands separators, the 附 list and the
unit's name and date at the foot.

The narrative's 基本支出 and 项目支出 come from the 支出明细 groups 基本支出（经济分类）,
项目支出（经济分类） and 项目支出（按项目）, and, for each project of 项目支出（按项目）, the group
of the same name when there is one. Without those groups the figures of the 支出和结余 table are
used instead.
"""
from __future__ import annotations

from .kit import heading, new_document, para, section_text, tag

U = "{{ 金额单位 }}"
BASIC, ECON, BY_PROJECT = "基本支出（经济分类）", "项目支出（经济分类）", "项目支出（按项目）"


def children(var: str) -> str:
    """`，其中：a 1元，b 2元` for the 子项 of an item, deeper levels in brackets (one paragraph)."""
    return (f"{{% if {var}.子项 %}}，其中：{{% for k in {var}.子项 recursive %}}{{{{ k.名称 }}}}{{{{ k.金额 }}}}{U}"
            f"{{% if k.子项 %}}（其中：{{{{ loop(k.子项) }}}}）{{% endif %}}{{{{ '，' if not loop.last else '' }}}}"
            f"{{% endfor %}}{{% endif %}}")


def listing(items: str) -> str:
    """`a 1元，b 2元` for a list of items, without their 子项."""
    return (f"{{% for c in {items} %}}{{{{ c.名称 }}}}{{{{ c.金额 }}}}{U}{{{{ '，' if not loop.last else '' }}}}"
            f"{{% endfor %}}")


def cents(expr: str) -> str:
    """A formatted amount (31,859,312.45) as whole cents, exactly (no floating point)."""
    return f"({expr}|replace(',', '')|replace('.', '')|int)"


def group_items(doc, group: str, number: str):
    """One paragraph per item of a 支出明细 group: number, name, amount and its 其中."""
    tag(doc, f"{{%p for c in {group}.项目 %}}")
    para(doc, f"{number}{{{{ c.名称 }}}}{{{{ c.金额 }}}}{U}{{% if c.说明 %}}（{{{{ c.说明 }}}}）{{% endif %}}"
              f"{children('c')}。")
    tag(doc, "{%p endfor %}")


def projects(doc):
    """一是, 二是 …: each project of 项目支出（按项目） with the 支出明细 group that details it.

    That group is the one named after the project, or else the one listing the project among its
    items (seed 002: 州本级电子商务发展专项资金 is an item of 电子商务发展专项资金)."""
    skip = [BASIC, ECON, BY_PROJECT]
    tag(doc, "{%p if 按项目 %}")
    tag(doc, "{%p set ns = namespace(n=0, used=[]) %}")
    tag(doc, "{%p for p in 按项目.项目 %}")
    tag(doc, "{%p set f = namespace(g=p.名称 if p.名称 in 明细 else none) %}")
    tag(doc, f"{{%p for name, g in 明细.items() if f.g is none and name not in {skip} "
             "and p.名称 in g.全部|map(attribute='名称')|list %}")
    tag(doc, "{%p set f.g = name %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if f.g and f.g not in ns.used %}")
    tag(doc, "{%p set ns.n = ns.n + 1 %}")
    tag(doc, "{%p set ns.used = ns.used + [f.g] %}")
    tag(doc, "{%p set g = 明细[f.g] %}")
    para(doc, f"{{{{ ns.n|cn }}}}是{{{{ f.g }}}}{{{{ g.金额 }}}}{U}{{% if g.说明 %}}（{{{{ g.说明 }}}}）{{% endif %}}"
              f"{{% if g.项目 %}}，具体明细如下：{{% else %}}。{{% endif %}}")
    group_items(doc, "g", "（{{ loop.index }}）")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def form(doc):
    """The 基础数据表, 自评表, 评价人员 and signature blocks as one form, with its part labels."""
    para(doc, "{{ 单位名称 }}{{ 年度 }}年度部门整体支出绩效评价基础数据表", "表格标题")
    para(doc, "")
    tag(doc, "{%p set 分部标题 = true %}")
    tag(doc, "{%p set 表格用原单位 = true %}")
    tag(doc, '{%p include "blocks/basic-data" %}')
    para(doc, "")
    tag(doc, '{%p include "blocks/self-evaluation" %}')
    para(doc, "")
    tag(doc, '{%p include "blocks/signatures" %}')


def overview(doc):
    heading(doc, "一、部门（单位）概况", 1)
    heading(doc, "（一）部门（单位）基本情况，部门职责概述", 2)
    section_text(doc, "机构设置")
    para(doc, "{{ 单位名称 }}的主要职责：")
    tag(doc, "{%p for x in 职能职责 %}")
    para(doc, "{{ loop.index }}.{{ x }}")
    tag(doc, "{%p endfor %}")
    heading(doc, "（二）部门（单位）整体支出规模、使用方向和主要内容", 2)
    # 整体支出 = the roots of the two groups, added in whole cents: the context has no such sum
    # (数.支出合计 is the 支出和结余 table's figure, in whole 万元 in seed 002).
    tag(doc, "{%p if 基 and 项 %}")
    para(doc, f"{{% set t = {cents('基.金额')} + {cents('项.金额')} %}}"
              f"{{{{ 年度 }}}}年本部门整体支出数{{{{ '{{:,}}'.format(t // 100) }}}}.{{{{ '%02d'|format(t % 100) }}}}{U}，"
              f"其中基本支出{{{{ 基.金额 }}}}{U}{{% if 基.说明 %}}，{{{{ 基.说明 }}}}{{% endif %}}；"
              f"项目支出{{{{ 项.金额 }}}}{U}"
              f"{{% if 按项目 %}}，使用内容为：{listing('按项目.项目')}{{% endif %}}。")
    tag(doc, "{%p else %}")
    para(doc, f"{{{{ 年度 }}}}年本部门整体支出数{{{{ 数.支出合计 }}}}{U}，其中基本支出{{{{ 数.基本支出 }}}}{U}，"
              f"使用内容为人员经费{{{{ 数.人员支出 }}}}{U}和日常公用经费{{{{ 数.公用支出 }}}}{U}；"
              f"项目支出{{{{ 数.项目支出 }}}}{U}。")
    tag(doc, "{%p endif %}")


def general_budget(doc):
    heading(doc, "二、一般公共预算支出情况", 1)
    heading(doc, "（一）基本支出情况", 2)
    tag(doc, "{%p if 基 %}")
    para(doc, f"{{{{ 年度 }}}}年本部门基本支出决算数{{{{ 基.金额 }}}}{U}。{{% if 基.项目 %}}具体明细如下：{{% endif %}}")
    group_items(doc, "基", "{{ loop.index }}.")
    tag(doc, "{%p else %}")
    para(doc, f"{{{{ 年度 }}}}年本部门基本支出决算数{{{{ 数.基本支出 }}}}{U}，其中人员经费{{{{ 数.人员支出 }}}}{U}，"
              f"日常公用经费{{{{ 数.公用支出 }}}}{U}。")
    tag(doc, "{%p endif %}")
    section_text(doc, "基本支出说明")

    heading(doc, "（二）项目支出情况", 2)
    para(doc, f"{{{{ 年度 }}}}年本部门项目支出决算数{{% if 项 %}}{{{{ 项.金额 }}}}{{% else %}}{{{{ 数.项目支出 }}}}{{% endif %}}{U}"
              f"{{% if 按项目 %}}，其中：{listing('按项目.项目')}{{% endif %}}。{{% if 经济分类 %}}按经济分类，具体明细如下：{{% endif %}}")
    tag(doc, "{%p if 经济分类 %}")
    group_items(doc, "经济分类", "{{ loop.index }}.")
    tag(doc, "{%p endif %}")
    projects(doc)
    section_text(doc, "项目支出说明")


def build():
    doc = new_document("{{ 单位名称 }}{{ 年度 }}年度整体支出绩效评价报告")
    form(doc)

    # a property, not a break paragraph: LibreOffice shows a break paragraph at a page foot as a blank page
    para(doc, "{{ 单位名称 }}", "报告标题").paragraph_format.page_break_before = True
    para(doc, "整体支出绩效评价报告", "报告标题")
    para(doc, "")
    tag(doc, f"{{%p set 基 = 明细.get('{BASIC}') %}}")
    tag(doc, f"{{%p set 经济分类 = 明细.get('{ECON}') %}}")
    tag(doc, f"{{%p set 按项目 = 明细.get('{BY_PROJECT}') %}}")
    tag(doc, "{%p set 项 = 经济分类 or 按项目 %}")
    section_text(doc, "评价目的")
    section_text(doc, "工作过程")
    para(doc, "现将情况汇报如下：")

    overview(doc)
    general_budget(doc)

    heading(doc, "三、部门整体支出绩效情况", 1)
    heading(doc, "（一）总体运行情况及取得的成绩", 2)
    tag(doc, "{%p if 文字.年度总体运行情况 %}")
    section_text(doc, "年度总体运行情况")
    tag(doc, "{%p else %}")
    para(doc, "{{ 年度 }}年度部门整体支出绩效目标完成情况见绩效自评表。")
    tag(doc, "{%p endif %}")
    heading(doc, "（二）主要做法和经验", 2)
    tag(doc, "{%p if 文字.主要做法 %}")
    section_text(doc, "主要做法")
    tag(doc, "{%p else %}")
    para(doc, "本年度无需要单独说明的做法和经验。")
    tag(doc, "{%p endif %}")

    heading(doc, "四、存在的主要问题及下一步改进措施", 1)
    # the score is the 自评表's, never typed into the text, so the two cannot disagree
    para(doc, "经自评，本部门{{ 年度 }}年度整体支出绩效评价得分{{ 综合得分 }}分，评价等次为“{{ 评价等次 }}”。")
    section_text(doc, "存在的问题")
    para(doc, "今后的改进措施：")
    section_text(doc, "改进措施")
    heading(doc, "五、绩效自评结果拟应用和公开情况", 1)
    section_text(doc, "结果应用")

    para(doc, "")
    para(doc, "附：1.基础数据表")
    para(doc, "　　2.绩效评价指标表")
    para(doc, "")
    para(doc, "{{ 单位名称 }}", "落款")
    para(doc, "{{ 报告日期 }}", "落款")
    return doc
