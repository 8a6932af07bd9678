"""`project`: the seven-part 项目支出绩效自评报告 (seed 004, 财预〔2020〕10号), with one
项目支出绩效自评表 per project as 附件 (the block `blocks/project-self-evaluation`)."""
from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from .kit import (cell_text, heading, loop_rows, merge, new_document, para, paragraphs_of, repeat_header,
                  table, tag, vmerge_by)

U = "{{ 金额单位 }}"
TXT, NUM, HEAD = "表格文字", "表格数字", "表头"


def text(doc, name):
    paragraphs_of(doc, f"文字.{name}")


def per_project(doc, name):
    """Text a workbook gives per project, under the project's name."""
    tag(doc, "{%p for p in 项目 %}")
    tag(doc, f"{{%p if p.文字.{name} %}}")
    para(doc, "{{ p.名称 }}：")
    tag(doc, f"{{%p for x in p.文字.{name} %}}")
    para(doc, "{{ x }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def part(doc, name):
    text(doc, name)
    per_project(doc, name)


def build():
    doc = new_document("{{ 年度 }}年度{{ 单位名称 }}项目支出绩效自评报告")
    para(doc, "{{ 年度 }}年度{{ 单位名称 }}", "报告标题")
    para(doc, "项目支出绩效自评报告", "报告标题")
    para(doc, "")
    heading(doc, "一、项目概况", 1)
    heading(doc, "（一）项目单位基本情况", 2)
    part(doc, "单位基本情况")
    heading(doc, "（二）项目年度预算绩效目标、绩效指标设定情况", 2)
    part(doc, "项目内容")
    tag(doc, "{%p for p in 项目 %}")
    para(doc, "{{ loop.index }}.{{ p.名称 }}：年度总体目标为{{ p.目标.预期目标 }}")
    tag(doc, "{%p endfor %}")

    heading(doc, "二、项目资金使用及管理情况", 1)
    heading(doc, "（一）项目资金安排落实、总投入等情况分析", 2)
    para(doc, f"本单位{{{{ 年度 }}}}年项目支出年初预算为{{{{ 合计.年初预算数 }}}}{U}，其中："
              f"{{% for p in 项目 %}}{{{{ p.名称 }}}}{{{{ p.资金总额.年初预算数 }}}}{U}"
              f"{{{{ '；' if not loop.last else '。' }}}}{{% endfor %}}"
              f"全年预算数{{{{ 合计.全年预算数 }}}}{U}，全年执行数{{{{ 合计.全年执行数 }}}}{U}，"
              f"预算执行率{{{{ 合计.执行率 }}}}。")
    part(doc, "资金安排")
    heading(doc, "（二）项目资金实际使用情况分析", 2)
    part(doc, "资金使用")
    heading(doc, "（三）项目资金管理情况分析", 2)
    part(doc, "资金管理")

    heading(doc, "三、项目组织实施情况", 1)
    heading(doc, "（一）项目组织情况分析", 2)
    part(doc, "项目组织")
    heading(doc, "（二）项目管理情况分析", 2)
    part(doc, "项目管理")

    heading(doc, "四、项目绩效情况", 1)
    for i, (title, name) in enumerate([("财政支出决策情况", "决策"), ("财政支出过程情况", "过程"),
                                       ("财政支出产出情况", "产出"), ("财政支出效益情况", "效益")]):
        heading(doc, f"（{'一二三四'[i]}）{title}", 2)
        part(doc, name)
    heading(doc, "（五）自评结论", 2)
    tag(doc, "{%p for p in 项目 %}")
    para(doc, "{{ p.名称 }}：预算执行率{{ p.执行率 }}，自评得分{{ p.总分 }}分，评价等次为“{{ p.等次 }}”。")
    tag(doc, "{%p endfor %}")

    heading(doc, "五、主要经验做法、存在的问题及原因分析", 1)
    part(doc, "经验做法和问题")
    heading(doc, "六、有关建议", 1)
    part(doc, "有关建议")
    heading(doc, "七、其他需要说明的问题", 1)
    part(doc, "其他")

    para(doc, "")
    para(doc, "附件：项目支出绩效自评表（{{ 项目名称列表 }}）")
    para(doc, "")
    para(doc, "{{ 单位名称 }}", "落款")
    para(doc, "{{ 报告日期 }}", "落款")
    tag(doc, "{%p for p in 项目 %}")
    # a break paragraph at the foot of a page makes LibreOffice add a blank page; a property does not
    para(doc, "附件{% if 项目|length > 1 %}{{ loop.index }}{% endif %}", "附件标题").paragraph_format.page_break_before = True
    para(doc, "项目支出绩效自评表", "表格标题")
    para(doc, "（{{ 年度 }}年度）", "表注", )
    tag(doc, '{%p include "blocks/project-self-evaluation" %}')
    tag(doc, "{%p endfor %}")
    para(doc, "")
    tag(doc, '{%p include "blocks/signatures" %}')
    return doc


def self_evaluation_block():
    """财预〔2020〕10号 项目支出绩效自评表 for the project `p`."""
    doc = new_document("项目支出绩效自评表")
    para(doc, f"单位：{U}", "表注")
    t = table(doc, 3, 7, [26, 22, 22, 22, 18, 20, 26])
    cell_text(t.cell(0, 0), "项目名称", HEAD)
    merge(t, 0, 1, 0, 6, "{{ p.名称 }}", TXT)
    cell_text(t.cell(1, 0), "主管部门", HEAD)
    merge(t, 1, 1, 1, 3, "{{ p.主管部门 }}", TXT)
    cell_text(t.cell(1, 4), "实施单位", HEAD)
    merge(t, 1, 5, 1, 6, "{{ p.实施单位 }}", TXT)
    for c, h in enumerate(["项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
        cell_text(t.cell(2, c), h, HEAD)
    body = loop_rows(t, "f in p.资金", [("{{ f.显示名 }}", TXT), ("{{ f.年初预算数 }}", NUM), ("{{ f.全年预算数 }}", NUM),
                                        ("{{ f.全年执行数 }}", NUM), ("{{ f.分值 }}", NUM), ("{{ f.执行率 }}", NUM),
                                        ("{{ f.得分 }}", NUM)])
    g = table(doc, 2, 3, [26, 65, 65])
    merge(g, 0, 0, 1, 0, "年度总体目标", HEAD)
    cell_text(g.cell(0, 1), "预期目标", HEAD)
    cell_text(g.cell(0, 2), "实际完成情况", HEAD)
    cell_text(g.cell(1, 1), "{{ p.目标.预期目标 }}", TXT)
    cell_text(g.cell(1, 2), "{{ p.目标.实际完成情况 }}", TXT)
    m = table(doc, 1, 8, [16, 18, 28, 20, 20, 12, 12, 30])
    for c, h in enumerate(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                           "偏差原因分析及改进措施"]):
        cell_text(m.cell(0, c), h, HEAD)
    repeat_header(m.rows[0])
    body = loop_rows(m, "r in p.指标", [
        ("{% if r.一级首行 %}{{ r.一级指标 }}{% endif %}", HEAD), ("{% if r.二级首行 %}{{ r.二级指标 }}{% endif %}", TXT),
        ("{{ r.三级指标 }}", TXT), ("{{ r.年度指标值 }}", TXT), ("{{ r.实际完成值 }}", TXT), ("{{ r.分值 }}", NUM),
        ("{{ r.得分 }}", NUM), ("{{ r.偏差原因分析及改进措施 }}", TXT)])
    vmerge_by(body.cells[0], "r.一级首行")
    vmerge_by(body.cells[1], "r.二级首行")
    total = m.add_row()
    merge(m, len(m.rows) - 1, 0, len(m.rows) - 1, 4, "总分", HEAD)
    cell_text(total.cells[5], "100", NUM)
    cell_text(total.cells[6], "{{ p.总分 }}", NUM)
    cell_text(total.cells[7], "评价等次：{{ p.等次 }}", HEAD, WD_ALIGN_PARAGRAPH.CENTER)
    return doc
