"""`genreport score` for a department workbook: the score sheet with its working, as a terminal table."""
from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from generator.formatting import figures_apart
from generator.formatting import score as score_text
from generator.kinds.base import ScoreGrid
from generator.kinds.department.scoring import DepartmentScores, ScoreSheet


def score_table(scores: DepartmentScores) -> str:
    text = render_score_table(scores.sheet)
    if scores.kept:
        text += f"\n报告采用评价组填写的综合得分：{score_text(scores.total)}    评价等次：{scores.grade}"
    return text


def render_score_table(sheet: ScoreSheet, width: int = 160) -> str:
    """The score sheet as a terminal table, then 综合得分 and 评价等次."""
    table = Table(title=f"绩效评分（规则：{sheet.rules}）", show_lines=True)
    # figure columns never wrap; text columns wrap at spaces, and a figure inside them is kept whole
    for header, justify in (("指标", "left"), ("公式", "left"), ("数据", "left"), ("值", "right"),
                            ("分值", "right"), ("得分", "right"), ("计分依据", "left")):
        figure = justify == "right"
        table.add_column(header, justify=justify, no_wrap=figure, overflow="ellipsis" if figure else "fold",
                         min_width=7 if figure else None)
    for r in sheet.rows:
        table.add_row(r.indicator, r.formula, figures_apart(r.figures), r.value, score_text(r.points),
                      score_text(r.score), figures_apart(r.basis))
    buf = io.StringIO()
    console = Console(file=buf, width=width, color_system=None, force_terminal=False)
    console.print(table)
    console.print(f"综合得分：{score_text(sheet.total)}    评价等次：{sheet.grade}")
    if sheet.unscored:
        names = "、".join(r.indicator for r in sheet.unscored)
        console.print(f"注：{len(sheet.unscored)} 项无法计分（{names}），综合得分未计入这些项")
    return buf.getvalue()


def score_grids(scores: DepartmentScores) -> list[ScoreGrid]:
    """The score sheet of `score_table` as one table of text, with the same lines under it."""
    sheet = scores.sheet
    rows = tuple((r.indicator, r.formula, r.figures, r.value, score_text(r.points), score_text(r.score), r.basis)
                 for r in sheet.rows)
    notes = [f"综合得分：{score_text(sheet.total)}    评价等次：{sheet.grade}"]
    if sheet.unscored:
        names = "、".join(r.indicator for r in sheet.unscored)
        notes.append(f"注：{len(sheet.unscored)} 项无法计分（{names}），综合得分未计入这些项")
    if scores.kept:
        notes.append(f"报告采用评价组填写的综合得分：{score_text(scores.total)}    评价等次：{scores.grade}")
    return [ScoreGrid(f"绩效评分（规则：{sheet.rules}）", ("指标", "公式", "数据", "值", "分值", "得分", "计分依据"),
                      rows, tuple(notes))]
