"""`provincial`: the current ten-part 部门整体支出绩效自评报告 (seed 003), with 附件."""
from __future__ import annotations

from .kit import heading, new_document, para, section_text, tag

U = "{{ 金额单位 }}"


def budget_group(doc, group: str, label: str):
    """三、四、五: one sentence from the 支出明细 group, or the standard sentence when there is none."""
    g = f"明细['{group}']"
    tag(doc, f"{{%p if {g}.有 %}}")
    para(doc, f"本单位{{{{ 年度 }}}}年{label}支出{{{{ {g}.金额 }}}}{U}{{% if {g}.说明 %}}，{{{{ {g}.说明 }}}}{{% endif %}}。")
    tag(doc, "{%p else %}")
    para(doc, f"本单位{{{{ 年度 }}}}年无{label}支出。")
    tag(doc, "{%p endif %}")


def general_budget(doc, group: str, kind: str, fallback: str, meaning: str):
    g = f"明细['{group}']"
    tag(doc, f"{{%p if {g}.有 %}}")
    para(doc, f"{{{{ 年度 }}}}年一般公共预算{kind}为{{{{ {g}.金额 }}}}{U}，{meaning}"
              f"{{% if {g}.项目 %}}其中{{% for c in {g}.项目 %}}{{{{ c.名称 }}}}{{{{ c.金额 }}}}{U}"
              f"{{% if c.说明 %}}（{{{{ c.说明 }}}}）{{% endif %}}{{{{ '，' if not loop.last else '' }}}}"
              f"{{% endfor %}}{{% endif %}}。")
    tag(doc, "{%p else %}")
    para(doc, fallback)
    tag(doc, "{%p endif %}")


def build():
    doc = new_document("{{ 单位名称 }}{{ 年度 }}年度部门整体支出绩效自评报告")
    para(doc, "{{ 单位名称 }}", "报告标题")
    para(doc, "{{ 年度 }}年度部门整体支出绩效自评报告", "报告标题")
    para(doc, "")

    heading(doc, "一、部门（单位）基本情况", 1)
    heading(doc, "（一）职能职责", 2)
    tag(doc, "{%p for x in 职能职责 %}")
    para(doc, "{{ loop.index }}.{{ x }}")
    tag(doc, "{%p endfor %}")
    heading(doc, "（二）机构设置", 2)
    section_text(doc, "机构设置")
    heading(doc, "（三）部门整体支出概况", 2)
    para(doc, f"{{{{ 年度 }}}}年度部门决算收入为{{{{ 数.收入合计 }}}}{U}，支出为{{{{ 数.支出合计 }}}}{U}。"
              f"其中基本支出{{{{ 数.基本支出 }}}}{U}，包括人员经费支出{{{{ 数.人员支出 }}}}{U}、"
              f"日常公用经费支出{{{{ 数.公用支出 }}}}{U}；项目支出{{{{ 数.项目支出 }}}}{U}；"
              f"年末结转和结余{{{{ 数.累计结余 }}}}{U}。")
    section_text(doc, "整体支出概况")
    heading(doc, "（四）部门整体支出绩效目标", 2)
    section_text(doc, "绩效目标")
    heading(doc, "（五）部门整体支出情况分析", 2)
    section_text(doc, "支出情况分析")

    heading(doc, "二、一般公共预算支出情况", 1)
    heading(doc, "（一）基本支出情况", 2)
    general_budget(doc, "一般公共预算基本支出", "基本支出",
                   f"{{{{ 年度 }}}}年基本支出{{{{ 数.基本支出 }}}}{U}，其中人员经费{{{{ 数.人员支出 }}}}{U}，"
                   f"日常公用经费{{{{ 数.公用支出 }}}}{U}。",
                   "是指为保障单位机构正常运转、完成日常工作任务而发生的各项支出，")
    section_text(doc, "基本支出说明")
    heading(doc, "（二）项目支出情况", 2)
    general_budget(doc, "一般公共预算项目支出", "项目支出",
                   f"{{{{ 年度 }}}}年项目支出{{{{ 数.项目支出 }}}}{U}。",
                   "是指为完成特定行政工作任务或事业发展目标而发生的支出，")
    section_text(doc, "项目支出说明")

    heading(doc, "三、政府性基金预算支出情况", 1)
    budget_group(doc, "政府性基金预算支出", "政府性基金预算")
    heading(doc, "四、国有资本经营预算支出情况", 1)
    budget_group(doc, "国有资本经营预算支出", "国有资本经营预算")
    heading(doc, "五、社会保险基金预算支出情况", 1)
    budget_group(doc, "社会保险基金预算支出", "社会保险基金预算")

    heading(doc, "六、部门整体支出绩效情况", 1)
    heading(doc, "（一）绩效评价目的", 2)
    section_text(doc, "评价目的")
    heading(doc, "（二）绩效评价工作过程", 2)
    section_text(doc, "工作过程")
    heading(doc, "（三）主要绩效及评价结论", 2)
    heading(doc, "1.经济性分析", 3)
    para(doc, f"本年“三公”经费支出{{{{ 数.三公经费合计 }}}}{U}。")
    tag(doc, "{%p for s in 指标句 %}")
    para(doc, "{{ s }}")
    tag(doc, "{%p endfor %}")
    section_text(doc, "经济性")
    heading(doc, "2.效率性分析", 3)
    section_text(doc, "效率性")
    heading(doc, "3.效益性分析", 3)
    section_text(doc, "效益性")
    heading(doc, "4.评价结论", 3)
    para(doc, "经自评，本单位{{ 年度 }}年度部门整体支出绩效自评综合得分为{{ 综合得分 }}分，评价等次为“{{ 评价等次 }}”。")

    heading(doc, "七、存在的问题及原因分析", 1)
    section_text(doc, "存在的问题")
    heading(doc, "八、下一步改进措施", 1)
    section_text(doc, "改进措施")
    heading(doc, "九、绩效自评结果拟应用和公开情况", 1)
    section_text(doc, "结果应用")
    heading(doc, "十、其他需要说明的情况", 1)
    section_text(doc, "其他")

    para(doc, "")
    para(doc, "附件：1.部门整体支出绩效评价基础数据表")
    para(doc, "　　　2.部门整体支出绩效自评表")
    para(doc, "")
    para(doc, "{{ 单位名称 }}", "落款")
    para(doc, "{{ 报告日期 }}", "落款")

    # a property, not a break paragraph: LibreOffice shows a break paragraph at a page foot as a blank page
    para(doc, "附件1", "附件标题").paragraph_format.page_break_before = True
    para(doc, "{{ 单位名称 }}{{ 年度 }}年度部门整体支出绩效评价基础数据表", "表格标题")
    tag(doc, '{%p include "blocks/basic-data" %}')
    para(doc, "附件2", "附件标题").paragraph_format.page_break_before = True
    para(doc, "{{ 单位名称 }}{{ 年度 }}年度部门整体支出绩效自评表", "表格标题")
    tag(doc, '{%p include "blocks/self-evaluation" %}')
    para(doc, "")
    tag(doc, '{%p include "blocks/signatures" %}')
    return doc
