"""`genreport score`: the scores with their working, as a terminal table."""
from __future__ import annotations

import io

from .formatting import score as score_text
from .scoring import ScoreSheet


def score_text_table(loaded) -> str:
    scores = loaded.scores
    if scores.kind == "department":
        text = render_score_table(scores.sheet)
        if scores.kept:
            text += f"\n报告采用评价组填写的综合得分：{score_text(scores.total)}    评价等次：{scores.grade}"
        return text
    return "\n\n".join(_project_table(s) for s in scores.projects.values())


def _project_table(s) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"项目支出绩效自评评分：{s.name}", show_lines=True)
    for header, justify in (("指标", "left"), ("年度指标值", "right"), ("实际完成值", "right"), ("分值", "right"),
                            ("得分", "right"), ("计分依据", "left")):
        table.add_column(header, justify=justify)
    rate = "—" if s.execution_rate is None else f"{s.execution_rate}%"
    table.add_row("预算执行率", "", rate, "10.00", score_text(s.execution_score), "全年执行数/全年预算数×10分，封顶")
    for i in s.indicators:
        r = i.row
        name = f"{r.一级指标}/{r.二级指标}/{r.三级指标}"
        table.add_row(name, f"{'' if r.指标性质 == '定性' else r.指标性质}{r.指标值}", r.实际完成值,
                      score_text(r.分值), score_text(i.used), i.basis)
    console = Console(width=160, record=True, file=io.StringIO())
    console.print(table)
    console.print(f"总分：{score_text(s.total)}    评价等次：{s.grade}")
    return console.export_text()


def render_score_table(sheet: ScoreSheet, width: int = 160) -> str:
    """The score sheet as a terminal table, then 综合得分 and 评价等次."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"绩效评分（规则：{sheet.rules}）", show_lines=True)
    for header, justify in (("指标", "left"), ("公式", "left"), ("数据", "left"), ("值", "right"),
                            ("分值", "right"), ("得分", "right"), ("计分依据", "left")):
        table.add_column(header, justify=justify, overflow="fold")
    for r in sheet.rows:
        table.add_row(r.indicator, r.formula, r.figures, r.value, score_text(r.points),
                      score_text(r.score), r.basis)
    buf = io.StringIO()
    console = Console(file=buf, width=width, color_system=None, force_terminal=False)
    console.print(table)
    console.print(f"综合得分：{score_text(sheet.total)}    评价等次：{sheet.grade}")
    if sheet.unscored:
        names = "、".join(r.indicator for r in sheet.unscored)
        console.print(f"注：{len(sheet.unscored)} 项无法计分（{names}），综合得分未计入这些项")
    return buf.getvalue()
