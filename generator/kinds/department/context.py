"""The values a template sees: every figure formatted once, from one Decimal, in the report's unit.

Tables and narrative read the same entries, so a figure quoted in the text can
never disagree with the table (domain.md §3 rule 7).
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from generator.formatting import Figures, cn_date, paragraphs, percent
from generator.formatting import score as score_text
from generator.kinds.department.models import TEXT_SECTIONS, DepartmentData
from generator.kinds.department.scoring import DepartmentScores
from generator.kinds.department.sentences import indicator_sentences, year_on_year
from generator.units import convert_exact

BUDGET_GROUPS = ("一般公共预算基本支出", "一般公共预算项目支出", "政府性基金预算支出",
                 "国有资本经营预算支出", "社会保险基金预算支出")


def _text_sections(data: DepartmentData) -> dict[str, list[str]]:
    out = {name: ([default] if default else []) for name, (_, default) in TEXT_SECTIONS.items()
           if default is not None}
    for row in data.文字:
        out[row.部分] = paragraphs(row.内容)
    return out


def _groups(data: DepartmentData, fig: Figures) -> dict[str, dict]:
    rows_by_group: dict[str, list] = defaultdict(list)
    for row in data.支出明细:
        rows_by_group[row.分组].append(row)
    groups = {}
    for name, rows in rows_by_group.items():
        groups[name] = _group(rows, fig)
    for name in BUDGET_GROUPS:
        groups.setdefault(name, {"有": False, "金额": fig.text(Decimal(0)), "说明": "", "项目": [], "全部": []})
    return groups


def _group(rows: list, fig: Figures) -> dict:
    roots = [r for r in rows if not r.上级项目]
    total = sum((convert_exact(r.金额, r.金额单位, fig.report_unit) for r in roots), Decimal(0))
    root_names = {r.项目 for r in roots}

    def item(r, depth):
        return {"名称": r.项目, "金额": fig.text(r.金额, r.金额单位), "说明": r.说明 or "",
                "子项": [item(k, depth + 1) for k in rows if k.上级项目 == r.项目], "层级": depth}

    items = [item(r, 1) for r in rows if r.上级项目 in root_names]
    return {
        "有": total != 0,
        "金额": fig.text(total, fig.report_unit),
        "说明": "；".join(r.说明 for r in roots if r.说明),
        "项目": items if len(roots) == 1 else [item(r, 1) for r in roots],
        "全部": [{"名称": r.项目, "金额": fig.text(r.金额, r.金额单位), "上级": r.上级项目 or "",
                "说明": r.说明 or ""} for r in rows],
    }


def _indicators(data: DepartmentData, scores: dict[int, str]) -> dict[str, list[dict]]:
    """The 自评表 rows; the first row of each 一级/二级 group is flagged so the template merges cells."""
    qualitative = [{"绩效目标": r.绩效目标, "完成情况": r.完成情况} for r in data.绩效指标 if r.类型 == "定性"]
    quantitative, prev = [], (None, None)
    for r in data.绩效指标:
        if r.类型 != "定量":
            continue
        level1, level2 = r.一级指标 or "", r.二级指标 or ""
        quantitative.append({
            "一级指标": level1, "二级指标": level2, "指标名称": r.指标名称,
            "绩效目标": r.绩效目标, "完成情况": r.完成情况,
            "一级首行": level1 != prev[0], "二级首行": (level1, level2) != prev,
            "分值": "" if r.分值 is None else score_text(r.分值),
            "得分": scores.get(r.row_number, "" if r.得分 is None else score_text(r.得分)),
        })
        prev = (level1, level2)
    return {"定性": qualitative, "定量": quantitative}


def _controls(data: DepartmentData, fig: Figures) -> list[dict]:
    parents = {r.项目: r.上级项目 for r in data.经费控制}

    def depth(name, seen=()):
        parent = parents.get(name)
        return 0 if not parent or parent in seen or parent not in parents else 1 + depth(parent, seen + (name,))

    rows = []
    for r in data.经费控制:
        d = depth(r.项目)
        shown = fig.row(r)
        if r.本年预算数 is None:  # the budget adjustment row's 年初预算, not stated: a dash in a printed table
            shown["本年预算数"] = "—"
        elif r.调整预算数 is None and (r.本年追加 is not None or r.本年追减 is not None):
            # 全年预算 left blank but its parts given: 年初预算 + 追加 − 追减
            shown["调整预算数"] = fig.text(r.本年预算数 + (r.本年追加 or 0) - (r.本年追减 or 0))
        rows.append(shown | {"显示名": "　" * d + ("其中：" if d else "") + r.项目, "层级": d})
    return rows


def _tables(data: DepartmentData, fig: Figures) -> dict:
    """The 基础数据表's tables in one unit (a template may show them in the workbook's own unit)."""
    return {"金额单位": fig.report_unit, "收入表": [fig.row(r) for r in data.收入],
            "支出表": [fig.row(r) for r in data.支出和结余], "三公表": [fig.row(r) for r in data.三公经费],
            "资产表": [fig.row(r) for r in data.固定资产], "经费控制": _controls(data, fig)}


def department_context(data: DepartmentData, scores: DepartmentScores, report_unit: str, separators: bool) -> dict:
    """Everything a department template may show, already formatted."""
    row_scores = {r.row_number: score_text(r.entered if r.entered is not None and scores.kept else r.computed)
                  for r in scores.sheet.rows if r.row_number}
    unit = data.单位
    fig = Figures(unit.金额单位, report_unit, separators)
    head = {t: getattr(data, t)[0] for t in ("收入", "支出和结余", "三公经费", "固定资产")}
    numbers = {}
    for row in head.values():
        numbers.update({k: v for k, v in fig.row(row).items() if k != "机构名称"})
    people = unit.实有人数, unit.人员编制
    return {
        "单位": fig.row(unit) | {"报告日期": cn_date(unit.报告日期), "年度": str(unit.年度)},
        "单位名称": unit.单位名称,
        "年度": str(unit.年度),
        "报告日期": cn_date(unit.报告日期),
        "金额单位": report_unit,
        "职能职责": [d.职责 for d in data.职能职责],
        "任务": [t.任务 for t in data.年度主要工作],
        "收入表": [fig.row(r) for r in data.收入],
        "支出表": [fig.row(r) for r in data.支出和结余],
        "三公表": [fig.row(r) for r in data.三公经费],
        "资产表": [fig.row(r) for r in data.固定资产],
        "经费控制": _controls(data, fig),
        "经费控制表": {r["项目"]: r for r in _controls(data, fig)},
        "数": numbers,
        "明细": _groups(data, fig),
        "指标": _indicators(data, row_scores),
        "指标句": indicator_sentences(data, scores.indicators, fig),
        "同比": year_on_year(data, fig),
        "在职人员控制率": percent(Decimal(people[0]) / Decimal(people[1])) if people[1] else "—",
        "评价人员": [{"姓名": e.姓名, "职务职称": e.职务职称, "单位": e.单位} for e in data.评价人员],
        "文字": _text_sections(data),
        "综合得分": score_text(scores.total),
        "评价等次": scores.grade,
        "评分": [{"指标": r.indicator, "依据": r.basis, "分值": score_text(r.points), "得分": score_text(r.score)}
               for r in scores.sheet.rows],
        "评分规则": scores.sheet.rules,
        # 元 tables with separators, as §6 of the domain notes writes them; 万元 ones without
        "原单位表": _tables(data, Figures(unit.金额单位, unit.金额单位, unit.金额单位 == "元")),
    }
