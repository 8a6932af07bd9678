"""The blocks several templates share: 基础数据表, 自评表, 评价人员 and signature blocks.

Each is its own .docx under templates/blocks/, included by a template with
`{%p include "blocks/NAME" %}`: one place to fix a table, for every template.
"""
from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement

from .kit import (cell_text, loop_rows, merge, new_document, para, repeat_header, table, tag,
                  vmerge_by)

NUM = "表格数字"
TXT = "表格文字"


def _caption(doc, text):
    para(doc, text, "表头")


def _unit_note(doc):
    para(doc, "单位：{{ 表.金额单位 }}", "表注")


# The tables show the report's unit, unless the template sets `{%p set 表格用原单位 = true %}`: seed 002
# gives its tables in the workbook's 万元 and only the narrative in 元 (a 元 figure with separators,
# 38,670,000.00, does not fit a 20 mm column).
TABLES = "表格用原单位"


def _choose_tables(doc):
    tag(doc, f"{{%p set 表 = 原单位表 if {TABLES} is defined and {TABLES} else dict(金额单位=金额单位, "
             "收入表=收入表, 支出表=支出表, 三公表=三公表, 资产表=资产表, 经费控制=经费控制) %}")


# A template that shows the blocks as one form (seed 002 opens with the whole 基础数据表, 自评表 and
# 评价人员) sets `{%p set 分部标题 = true %}` before the includes; the blocks then carry the form's
# numbered part labels. Other templates show them as separate 附件, without the labels.
FORM_FLAG = "分部标题"


def _part_label(doc, text):
    tag(doc, f"{{%p if {FORM_FLAG} is defined and {FORM_FLAG} %}}")
    para(doc, text, "附件标题")
    tag(doc, "{%p endif %}")


def facts(doc):
    t = table(doc, 5, 4, [36, 46, 30, 44])
    for r, (a, b, c, d) in enumerate([("联系人", "{{ 单位.联系人 }}", "联系电话", "{{ 单位.联系电话 }}"),
                                      ("人员编制", "{{ 单位.人员编制 }}", "实有人数", "{{ 单位.实有人数 }}")]):
        cell_text(t.cell(r, 0), a, "表头")
        cell_text(t.cell(r, 1), b, TXT)
        cell_text(t.cell(r, 2), c, "表头")
        cell_text(t.cell(r, 3), d, TXT)
    rows = [
        ("职能职责概述", "职能职责", "（{{ loop.index|cn }}）{{ x }}", None),
        ("年度主要工作内容", "任务", "任务{{ loop.index }}：{{ x }}", "本年度未单列主要工作任务。"),
        ("年度部门（单位）总体运行情况及取得的成绩", "文字.年度总体运行情况", "{{ x }}",
         "见报告正文“部门整体支出绩效情况”部分。"),
    ]
    for i, (label, expr, line, empty) in enumerate(rows, start=2):
        cell_text(t.cell(i, 0), label, "表头")
        cell = merge(t, i, 1, i, 3)
        cell_text(cell, f"{{%p for x in {expr} %}}", TXT)
        para(cell, line, TXT)
        para(cell, "{%p endfor %}", TXT)
        if empty:
            para(cell, f"{{%p if not {expr} %}}", TXT)
            para(cell, empty, TXT)
            para(cell, "{%p endif %}", TXT)


def income(doc):
    _caption(doc, "年度收入情况")
    _unit_note(doc)
    t = table(doc, 2, 7, [36, 20, 20, 20, 20, 20, 20])
    merge(t, 0, 0, 1, 0, "机构名称")
    merge(t, 0, 1, 1, 1, "收入合计")
    merge(t, 0, 2, 0, 6, "其中：")
    for c, h in enumerate(["上年结转", "公共财政拨款", "政府基金拨款", "纳入专户管理的非税收入拨款", "其他收入"], 2):
        cell_text(t.cell(1, c), h, "表头")
    fields = ["收入合计", "上年结转", "公共财政拨款", "政府基金拨款", "纳入专户管理的非税收入拨款", "其他收入"]
    _data_rows(t, "表.收入表", fields)


def _data_rows(t, table_var, fields):
    for row in t.rows:
        repeat_header(row)
    loop_rows(t, f"r in {table_var}", [("{{ r.机构名称 }}", TXT)] + [(f"{{{{ r.{f} }}}}", NUM) for f in fields])


def expense(doc):
    _caption(doc, "年度支出和结余情况")
    _unit_note(doc)
    t = table(doc, 3, 8, [30, 18, 18, 18, 18, 18, 18, 18])
    merge(t, 0, 0, 2, 0, "机构名称")
    merge(t, 0, 1, 2, 1, "支出合计")
    merge(t, 0, 2, 0, 5, "其中：")
    merge(t, 0, 6, 0, 7, "结余")
    merge(t, 1, 2, 2, 2, "基本支出")
    merge(t, 1, 3, 1, 4, "其中：")
    merge(t, 1, 5, 2, 5, "项目支出")
    merge(t, 1, 6, 2, 6, "当年结余")
    merge(t, 1, 7, 2, 7, "累计结余")
    cell_text(t.cell(2, 3), "人员支出", "表头")
    cell_text(t.cell(2, 4), "公用支出", "表头")
    _data_rows(t, "表.支出表", ["支出合计", "基本支出", "人员支出", "公用支出", "项目支出", "当年结余", "累计结余"])


def sangong(doc):
    _caption(doc, "三公经费情况")
    _unit_note(doc)
    t = table(doc, 2, 6, [36, 24, 24, 24, 24, 24])
    merge(t, 0, 0, 1, 0, "机构名称")
    merge(t, 0, 1, 1, 1, "三公经费合计")
    merge(t, 0, 2, 0, 5, "其中：")
    parts = ["公务接待费", "公务用车运维费", "公务用车购置费", "因公出国出境费"]
    for c, h in enumerate(parts, 2):
        cell_text(t.cell(1, c), h, "表头")
    _data_rows(t, "表.三公表", ["三公经费合计"] + parts)


def assets(doc):
    _caption(doc, "固定资产情况")
    _unit_note(doc)
    t = table(doc, 2, 5, [40, 29, 29, 29, 29])
    merge(t, 0, 0, 1, 0, "机构名称")
    merge(t, 0, 1, 1, 1, "固定资产合计")
    merge(t, 0, 2, 0, 4, "其中：")
    for c, h in enumerate(["在用固定资产", "出租固定资产", "其他"], 2):
        cell_text(t.cell(1, c), h, "表头")
    _data_rows(t, "表.资产表", ["固定资产合计", "在用固定资产", "出租固定资产", "其他"])


def controls(doc):
    tag(doc, "{%p if 表.经费控制 %}")
    _caption(doc, "经费控制情况")
    _unit_note(doc)
    t = table(doc, 1, 4, [66, 30, 30, 30])
    for c, h in enumerate(["项目", "上年决算数", "本年预算数", "本年决算数"]):
        cell_text(t.cell(0, c), h, "表头")
    repeat_header(t.rows[0])
    loop_rows(t, "r in 表.经费控制", [("{{ r.显示名 }}", TXT), ("{{ r.上年决算数 }}", NUM),
                                 ("{{ r.本年预算数 }}", NUM), ("{{ r.本年决算数 }}", NUM)])
    tag(doc, "{%p endif %}")


def basic_data():
    doc = new_document("部门整体支出绩效评价基础数据表")
    _choose_tables(doc)
    _part_label(doc, "一、部门（单位）基本概况")
    facts(doc)
    para(doc, "", TXT)
    _part_label(doc, "二、部门（单位）收支情况")
    for i, part in enumerate((income, expense, sangong, assets, controls)):
        if i:
            para(doc, "", TXT)
        part(doc)
    return doc


def self_evaluation():
    doc = new_document("部门整体支出绩效自评表")
    _part_label(doc, "三、部门（单位）整体支出绩效自评情况")
    t = table(doc, 1, 3, [36, 60, 60])
    for c, h in enumerate(["项目", "预期目标", "实际完成"]):
        cell_text(t.cell(0, c), h, "表头")
    body = loop_rows(t, "q in 指标.定性", [("整体支出绩效定性目标及实施计划完成情况", "表头"),
                                          ("{{ q.绩效目标 }}", TXT), ("{{ q.完成情况 }}", TXT)])
    vmerge_by(body.cells[0], "loop.first")
    para(doc, "", TXT)
    t = table(doc, 1, 7, [20, 22, 16, 36, 38, 12, 12])
    for c, h in enumerate(["评价内容", "二级指标", "指标", "绩效目标", "完成情况", "分值", "得分"]):
        cell_text(t.cell(0, c), h, "表头")
    repeat_header(t.rows[0])
    body = loop_rows(t, "r in 指标.定量", [
        ("{% if r.一级首行 %}{{ r.一级指标 }}{% endif %}", "表头"),
        ("{% if r.二级首行 %}{{ r.二级指标 }}{% endif %}", TXT),
        ("{{ r.指标名称 }}", TXT), ("{{ r.绩效目标 }}", TXT), ("{{ r.完成情况 }}", TXT),
        ("{{ r.分值 }}", NUM), ("{{ r.得分 }}", NUM)])
    vmerge_by(body.cells[0], "r.一级首行")
    vmerge_by(body.cells[1], "r.二级首行")
    t = table(doc, 2, 2, [60, 96])
    cell_text(t.cell(0, 0), "绩效自评综合得分", "表头")
    cell_text(t.cell(0, 1), "{{ 综合得分 }}", "表头")
    cell_text(t.cell(1, 0), "评价等次", "表头")
    cell_text(t.cell(1, 1), "{{ 评价等次 }}", "表头")
    return doc


SIGN_BLOCKS = [
    ("评价组组长（签字）：", None),
    ("部门（单位）意见：", "部门（单位）负责人（签章）："),
    ("财政部门归口业务科室意见：", "财政部门归口业务科室负责人（签章）："),
]


def signatures():
    doc = new_document("评价人员")
    tag(doc, f"{{%p if {FORM_FLAG} is defined and {FORM_FLAG} %}}")
    para(doc, "四、评价人员", "附件标题")
    tag(doc, "{%p else %}")
    _caption(doc, "评价人员")
    tag(doc, "{%p endif %}")
    t = table(doc, 1, 4, [30, 50, 46, 30])
    for c, h in enumerate(["姓名", "职务/职称", "单位", "签字"]):
        cell_text(t.cell(0, c), h, "表头")
    loop_rows(t, "e in 评价人员", [("{{ e.姓名 }}", TXT), ("{{ e.职务职称 }}", TXT), ("{{ e.单位 }}", TXT), ("", TXT)])
    para(doc, "", TXT)
    t = table(doc, len(SIGN_BLOCKS), 1, [156])
    for i, (label, signer) in enumerate(SIGN_BLOCKS):
        cell = t.cell(i, 0)
        cell_text(cell, label, "签字栏")
        para(cell, "", "签字栏")
        if signer:
            para(cell, signer, "签字栏", WD_ALIGN_PARAGRAPH.CENTER)
        para(cell, "年　月　日", "签字栏", WD_ALIGN_PARAGRAPH.RIGHT)
        # a signature block split over two pages cannot be signed
        t.rows[i]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    return doc


BLOCKS = {"basic-data": basic_data, "self-evaluation": self_evaluation, "signatures": signatures}
