"""`evaluation`: the six-part 部门整体支出预算绩效评价报告 of 岳麓区 2020 (seed 001).

一、部门（单位）概况 二、部门（单位）整体支出管理及使用情况 (基本支出, “三公”经费, 专项支出 with
its three analyses) 三、部门（单位）专项组织实施情况 四、部门（单位）整体支出绩效情况
五、存在的主要问题及原因分析 六、下一步改进措施和有关建议.

Figures come from the 支出和结余 and 三公经费 tables and from three 支出明细 groups when the
workbook has them: 支出（功能分类） (支出总计 by functional class), 项目资金来源 (项目总收入 by
source) and 项目资金使用 (the same total: 项目支出 and 年末结转结余).
"""
from __future__ import annotations

from .kit import heading, new_document, para, section_text, tag

U = "{{ 金额单位 }}"
FUNCTIONAL, SOURCES, USES = "支出（功能分类）", "项目资金来源", "项目资金使用"


def listing(items: str, sep: str = "，") -> str:
    return (f"{{% for c in {items} %}}{{{{ c.名称 }}}}{{{{ c.金额 }}}}{U}{{{{ '{sep}' if not loop.last else '' }}}}"
            f"{{% endfor %}}")


def overview(doc):
    heading(doc, "一、部门（单位）概况", 1)
    heading(doc, "（一）部门（单位）基本情况", 2)
    section_text(doc, "机构设置")
    para(doc, "现有编制人数{{ 单位.人员编制 }}人。")
    heading(doc, "（二）部门（单位）整体支出规模、使用方向和主要内容、涉及范围等", 2)
    g = f"明细['{FUNCTIONAL}']"
    tag(doc, f"{{%p if '{FUNCTIONAL}' in 明细 %}}")
    para(doc, f"{{{{ 年度 }}}}年支出总计{{{{ {g}.金额 }}}}{U}{{% if {g}.项目 %}}，其中，{listing(g + '.项目')}{{% endif %}}。")
    tag(doc, "{%p else %}")
    para(doc, f"{{{{ 年度 }}}}年支出总计{{{{ 数.支出合计 }}}}{U}，其中基本支出{{{{ 数.基本支出 }}}}{U}，"
              f"项目支出{{{{ 数.项目支出 }}}}{U}。")
    tag(doc, "{%p endif %}")
    section_text(doc, "整体支出概况")


def spending(doc):
    heading(doc, "二、部门（单位）整体支出管理及使用情况", 1)
    heading(doc, "（一）基本支出", 2)
    para(doc, f"基本支出{{{{ 数.基本支出 }}}}{U}，其中人员经费{{{{ 数.人员支出 }}}}{U}，公用经费{{{{ 数.公用支出 }}}}{U}。")
    section_text(doc, "基本支出说明")

    heading(doc, "（二）“三公”经费支出情况", 2)
    para(doc, f"{{{{ 年度 }}}}年“三公”经费支出合计{{{{ 数.三公经费合计 }}}}{U}，其中公务接待费支出{{{{ 数.公务接待费 }}}}{U}，"
              f"因公出国（境）费支出{{{{ 数.因公出国出境费 }}}}{U}，公务用车购置费支出{{{{ 数.公务用车购置费 }}}}{U}，"
              f"公务用车运行维护费支出{{{{ 数.公务用车运维费 }}}}{U}。"
              f"{{% if '三公经费' in 经费控制表 %}}“三公”经费本年预算数为{{{{ 经费控制表['三公经费'].本年预算数 }}}}{U}，"
              f"上年决算数为{{{{ 经费控制表['三公经费'].上年决算数 }}}}{U}。{{% endif %}}")
    section_text(doc, "三公经费说明")

    heading(doc, "（三）专项支出", 2)
    heading(doc, "1.项目支出安排落实、总投入等情况分析", 3)
    src, use = f"明细['{SOURCES}']", f"明细['{USES}']"
    tag(doc, f"{{%p if '{SOURCES}' in 明细 or '{USES}' in 明细 %}}")
    para(doc, f"{{% if '{SOURCES}' in 明细 %}}本单位项目总收入{{{{ {src}.金额 }}}}{U}"
              f"{{% if {src}.项目 %}}，其中{listing(src + '.项目')}{{% endif %}}。{{% endif %}}"
              f"{{% if '{USES}' in 明细 %}}{listing(use + '.项目')}。"
              f"{{% for c in {use}.项目 if c.说明 %}}{{{{ c.说明 }}}}{{% endfor %}}{{% endif %}}")
    tag(doc, "{%p else %}")
    para(doc, f"{{{{ 年度 }}}}年项目支出{{{{ 数.项目支出 }}}}{U}。")
    tag(doc, "{%p endif %}")
    heading(doc, "2.项目支出实际使用情况分析", 3)
    para(doc, f"{{{{ 年度 }}}}年项目支出{{{{ 数.项目支出 }}}}{U}。")
    section_text(doc, "项目支出说明")
    heading(doc, "3.项目支出管理情况分析", 3)
    section_text(doc, "项目支出管理")


def build():
    doc = new_document("{{ 年度 }}年度{{ 单位名称 }}部门整体支出预算绩效评价报告")
    para(doc, "{{ 年度 }}年度{{ 单位名称 }}", "报告标题")
    para(doc, "部门整体支出预算绩效评价报告", "报告标题")
    para(doc, "")

    overview(doc)
    spending(doc)

    heading(doc, "三、部门（单位）专项组织实施情况", 1)
    heading(doc, "（一）专项组织情况分析", 2)
    section_text(doc, "专项组织情况")
    heading(doc, "（二）专项管理情况分析", 2)
    section_text(doc, "专项管理情况")

    heading(doc, "四、部门（单位）整体支出绩效情况", 1)
    section_text(doc, "绩效目标完成情况")
    heading(doc, "五、存在的主要问题及原因分析", 1)
    section_text(doc, "存在的问题")
    heading(doc, "六、下一步改进措施和有关建议", 1)
    section_text(doc, "改进措施")

    para(doc, "")
    para(doc, "{{ 单位名称 }}", "落款")
    para(doc, "{{ 报告日期 }}", "落款")
    return doc
