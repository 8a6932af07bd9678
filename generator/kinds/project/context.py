"""The values the project template sees, formatted once from the workbook's Decimals."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from generator.formatting import Figures, cn_date, paragraphs, percent
from generator.formatting import score as score_text
from generator.kinds.project.models import FUND_KINDS, PROJECT_TEXT_SECTIONS, ProjectData
from generator.kinds.project.checks import COLUMNS
from generator.kinds.project.scoring import ProjectScore, ProjectScores


def _texts(rows, project: str | None) -> dict[str, list[str]]:
    """A part's paragraphs for the whole report (project None) or for one project.

    Every part is present, empty when not given, so a part filled only per project shows
    only there; the standard sentence (「无。」) stands when nobody wrote the part at all."""
    given = {t.部分 for t in rows}
    out = {name: ([default] if default and project is None and name not in given else [])
           for name, (_, default) in PROJECT_TEXT_SECTIONS.items()}
    for t in rows:
        if (t.项目名称 or None) == project:
            out[t.部分] = paragraphs(t.内容)
    return out


def _funds(data: ProjectData, name: str, fig: Figures, score: ProjectScore) -> list[dict]:
    rows = {r.资金类别: r for r in data.资金 if r.项目名称 == name}
    out = []
    for kind in FUND_KINDS:
        r = rows.get(kind)
        cells = {c: (fig.typed(getattr(r, c)) if r else "—") for c in COLUMNS}
        total = kind == "年度资金总额"
        out.append(cells | {
            "类别": kind,
            "显示名": kind if total else f"其中：{kind}" if kind == "当年财政拨款" else f"　　　{kind}",
            "分值": score_text(score.execution_points) if total else "—",
            "执行率": (f"{score.execution_rate}%" if score.execution_rate is not None else "—") if total else "—",
            "得分": score_text(score.execution_score) if total else "—",
        })
    return out


def _indicators(score: ProjectScore) -> list[dict]:
    rows, prev = [], (None, None)
    for i in score.indicators:
        r = i.row
        unit = r.度量单位 or ""
        # the sign is printed as the form has it, ＝ included, unless the value was typed with it
        typed_sign = r.指标值.lstrip()[:1] in ("＝", "=", "≥", "≤", ">", "<")
        nature = "" if r.指标性质 == "定性" or typed_sign else r.指标性质
        rows.append({
            "一级指标": r.一级指标, "二级指标": r.二级指标, "三级指标": r.三级指标,
            "年度指标值": f"{nature}{r.指标值}{unit if r.指标性质 != '定性' else ''}",
            "实际完成值": f"{r.实际完成值}{unit if r.指标性质 != '定性' else ''}",
            "分值": score_text(r.分值), "得分": score_text(i.used), "依据": i.basis,
            "偏差原因分析及改进措施": r.偏差原因分析及改进措施 or "",
            "一级首行": r.一级指标 != prev[0], "二级首行": (r.一级指标, r.二级指标) != prev,
        })
        prev = (r.一级指标, r.二级指标)
    return rows


def project_context(data: ProjectData, scores: ProjectScores, report_unit: str, separators: bool) -> dict:
    """Everything the project template may show; projects in workbook order."""
    first = data.项目[0]
    goals = {g.项目名称: g for g in data.目标}
    projects, sums = [], defaultdict(Decimal)
    for p in data.项目:
        fig = Figures(p.金额单位, report_unit, separators)
        s = scores.projects[p.项目名称]
        total = next((r for r in data.资金 if r.项目名称 == p.项目名称 and r.资金类别 == "年度资金总额"), None)
        for c in COLUMNS:  # as typed where no conversion is needed, so the total keeps the decimals typed
            amount = getattr(total, c) if total else Decimal(0)
            sums[c] += amount if p.金额单位 == report_unit else fig.value(amount)
        funds = _funds(data, p.项目名称, fig, s)
        projects.append({
            "名称": p.项目名称, "主管部门": p.主管部门, "实施单位": p.实施单位,
            "资金": funds, "资金总额": funds[0],
            "目标": {"预期目标": goals[p.项目名称].预期目标, "实际完成情况": goals[p.项目名称].实际完成情况},
            "指标": _indicators(s), "执行率": f"{s.execution_rate}%" if s.execution_rate is not None else "—",
            "总分": score_text(s.total), "等次": s.grade, "文字": _texts(data.文字, p.项目名称),
        })
    fig = Figures(report_unit, report_unit, separators)
    budget, spent = sums["全年预算数"], sums["全年执行数"]
    return {
        "单位名称": first.单位名称, "年度": str(first.年度), "报告日期": cn_date(first.报告日期),
        "金额单位": report_unit, "项目": projects, "项目名称列表": "、".join(p["名称"] for p in projects),
        "合计": {c: fig.typed(sums[c]) for c in COLUMNS} | {
            "执行率": percent(spent / budget) if budget else "—"},
        "文字": _texts(data.文字, None),
        "评价人员": [{"姓名": e.姓名, "职务职称": e.职务职称, "单位": e.单位} for e in data.评价人员],
    }
