"""`genreport score` for a project workbook: each project's scores with their working."""
from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from generator.formatting import figures_apart
from generator.formatting import score as score_text
from generator.kinds.base import ScoreGrid
from generator.kinds.project.scoring import ProjectScore, ProjectScores


def score_table(scores: ProjectScores) -> str:
    return "\n\n".join(_project_table(s) for s in scores.projects.values())


HEADERS = ("指标", "年度指标值", "实际完成值", "分值", "得分", "计分依据")


def _rows(s: ProjectScore) -> list[tuple[str, str, str, str, str, str]]:
    """One row per scored line: 预算执行率 with its share of the 100 points, then each indicator."""
    rate = "—" if s.execution_rate is None else f"{s.execution_rate}%"
    points = score_text(s.execution_points)
    rows = [("预算执行率", "", rate, points, score_text(s.execution_score), f"全年执行数/全年预算数×{points}分，封顶")]
    for i in s.indicators:
        r = i.row
        rows.append((f"{r.一级指标}/{r.二级指标}/{r.三级指标}", f"{'' if r.指标性质 == '定性' else r.指标性质}{r.指标值}",
                     str(r.实际完成值), score_text(r.分值), score_text(i.used), i.basis))
    return rows


def _project_table(s: ProjectScore) -> str:
    table = Table(title=f"项目支出绩效自评评分：{s.name}", show_lines=True)
    for header in HEADERS:
        right = header in ("年度指标值", "实际完成值", "分值", "得分")
        table.add_column(header, justify="right" if right else "left", no_wrap=right)
    for *cells, basis in _rows(s):
        table.add_row(*cells, figures_apart(basis))
    console = Console(width=160, record=True, file=io.StringIO())
    console.print(table)
    console.print(f"总分：{score_text(s.total)}    评价等次：{s.grade}")
    if s.entered_total is not None:
        console.print(f"报告采用评价组填写的综合得分（计算得分为 {score_text(s.computed_total)}）")
    return console.export_text()


def score_grids(scores: ProjectScores) -> list[ScoreGrid]:
    """Each project's scores of `score_table` as a table of text, with 总分 and 等次 under it."""
    return [ScoreGrid(f"项目支出绩效自评评分：{s.name}", HEADERS, tuple(_rows(s)),
                      (f"总分：{score_text(s.total)}    评价等次：{s.grade}",)) for s in scores.projects.values()]
