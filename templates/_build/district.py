"""`district`: the five-part 部门整体支出绩效自评报告 of 天心区 2020 (seed 000).

一、部门（单位）基本情况 (机构, 职能职责, 年度重点工作) 二、一般公共预算支出情况 (基本支出,
项目支出: 年初预算数 / 预算调整数 / 决算数 from the 经费控制 rows 基本支出 and 项目支出, the
项目支出 by project from the 支出明细 group 项目支出（按项目）) 三、部门整体支出绩效情况 (目标设置,
完成情况) 四、存在的主要问题及下一步改进措施 五、绩效自评结果拟应用和公开情况.
"""
from __future__ import annotations

from .kit import heading, new_document, para, section_text, tag

U = "{{ 金额单位 }}"
BY_PROJECT = "项目支出（按项目）"


def budget_sentence(row: str, label: str) -> str:
    """年初预算数 / 预算调整数 / 决算数 of one 经费控制 row (its variable `row`), as one sentence."""
    return (f"{{{{ 年度 }}}}年{label}年初预算数为{{{{ {row}.本年预算数 }}}}{U}；"
            f"{{% if {row}.调整预算数 %}}预算调整数为{{{{ {row}.调整预算数 }}}}{U}；{{% endif %}}"
            f"决算数{{{{ {row}.本年决算数 }}}}{U}。")


def budget(doc, item: str, label: str, fallback: str):
    """The sentence for 基本支出 or 项目支出, or, without that 经费控制 row, the 决算数 alone."""
    tag(doc, f"{{%p if '{item}' in 经费控制表 %}}")
    para(doc, budget_sentence(f"经费控制表['{item}']", label))
    tag(doc, "{%p else %}")
    para(doc, f"{{{{ 年度 }}}}年{label}决算数{{{{ {fallback} }}}}{U}。")
    tag(doc, "{%p endif %}")


def basic_spending(doc):
    heading(doc, "（一）基本支出情况", 2)
    tag(doc, "{%p if '基本支出' in 经费控制表 %}")
    para(doc, budget_sentence("经费控制表['基本支出']", "基本支出")
         + f"其中：人员经费{{{{ 数.人员支出 }}}}{U}；公用经费{{{{ 数.公用支出 }}}}{U}"
           f"{{% if '三公经费' in 经费控制表 %}}（其中三公经费年初预算为{{{{ 经费控制表['三公经费'].本年预算数 }}}}{U}，"
           f"实际支出为{{{{ 数.三公经费合计 }}}}{U}）{{% endif %}}。")
    tag(doc, "{%p else %}")
    para(doc, f"{{{{ 年度 }}}}年基本支出决算数{{{{ 数.基本支出 }}}}{U}。其中：人员经费{{{{ 数.人员支出 }}}}{U}；"
              f"公用经费{{{{ 数.公用支出 }}}}{U}（其中三公经费{{{{ 数.三公经费合计 }}}}{U}）。")
    tag(doc, "{%p endif %}")
    section_text(doc, "基本支出说明")


def project_spending(doc):
    heading(doc, "（二）项目支出情况", 2)
    g = f"明细['{BY_PROJECT}']"
    items = (f"{{% if '{BY_PROJECT}' in 明细 %}}其中：{{% for c in {g}.项目 %}}{{{{ c.名称 }}}}{{{{ c.金额 }}}}{U}"
             f"{{% if c.说明 %}}，{{{{ c.说明 }}}}{{% endif %}}{{{{ '；' if not loop.last else '。' }}}}{{% endfor %}}"
             f"{{% endif %}}")
    tag(doc, "{%p if '项目支出' in 经费控制表 %}")
    para(doc, budget_sentence("经费控制表['项目支出']", "项目支出") + items)
    tag(doc, "{%p else %}")
    para(doc, f"{{{{ 年度 }}}}年项目支出决算数{{{{ 数.项目支出 }}}}{U}。" + items)
    tag(doc, "{%p endif %}")
    section_text(doc, "项目支出说明")


def build():
    doc = new_document("{{ 单位名称 }}{{ 年度 }}年度部门整体支出绩效自评报告")
    para(doc, "{{ 单位名称 }}", "报告标题")
    para(doc, "{{ 年度 }}年度部门整体支出绩效自评报告", "报告标题")
    para(doc, "")

    heading(doc, "一、部门（单位）基本情况", 1)
    section_text(doc, "机构设置")
    para(doc, "部门主要职能职责如下：")
    tag(doc, "{%p for x in 职能职责 %}")
    para(doc, "（{{ loop.index|cn }}）{{ x }}")
    tag(doc, "{%p endfor %}")
    para(doc, "{{ 年度 }}年度重点工作情况如下：")
    tag(doc, "{%p if 文字.年度总体运行情况 %}")
    section_text(doc, "年度总体运行情况")
    tag(doc, "{%p elif 任务 %}")
    tag(doc, "{%p for x in 任务 %}")
    para(doc, "任务{{ loop.index }}：{{ x }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p else %}")
    para(doc, "本年度未单列重点工作。")
    tag(doc, "{%p endif %}")

    heading(doc, "二、一般公共预算支出情况", 1)
    basic_spending(doc)
    project_spending(doc)

    heading(doc, "三、部门整体支出绩效情况", 1)
    heading(doc, "（一）绩效目标设置情况", 2)
    section_text(doc, "绩效目标")
    heading(doc, "（二）绩效目标完成情况", 2)
    budget(doc, "基本支出", "基本支出", "数.基本支出")
    budget(doc, "项目支出", "项目支出", "数.项目支出")
    section_text(doc, "绩效目标完成情况")

    heading(doc, "四、存在的主要问题及下一步改进措施", 1)
    section_text(doc, "存在的问题")
    section_text(doc, "改进措施")
    heading(doc, "五、绩效自评结果拟应用和公开情况", 1)
    section_text(doc, "结果应用")

    para(doc, "")
    para(doc, "{{ 单位名称 }}", "落款")
    para(doc, "{{ 报告日期 }}", "落款")
    return doc
