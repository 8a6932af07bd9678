"""Scores of a project workbook (财预〔2020〕10号): 预算执行率 and every 绩效指标 computed from the figures.

The working is kept for the report and `genreport score`. The evaluators' typed scores are used
only with --keep-entered-scores; where they differ from the computed ones, `validate` warns.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from generator.errors import Problem, Severity
from generator.kinds.base import Options
from generator.kinds.common.narrative import narrative_score_problems
from generator.kinds.common.scoring import grade_of, score_execution, score_qualitative, score_quantitative
from generator.kinds.common.checks import at
from generator.kinds.project.checks import EXECUTION_POINTS, parse_figure
from generator.kinds.project.models import ProjectData, ProjectIndicatorRow


@dataclass
class IndicatorScore:
    row: ProjectIndicatorRow
    computed: Decimal | None
    used: Decimal | None
    basis: str


@dataclass
class ProjectScore:
    name: str
    execution_rate: Decimal | None
    execution_score: Decimal | None
    indicators: list[IndicatorScore] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        parts = [self.execution_score or Decimal(0)] + [i.used or Decimal(0) for i in self.indicators]
        return sum(parts, Decimal(0))

    @property
    def grade(self) -> str:
        return grade_of(self.total)


def _score_indicator(r: ProjectIndicatorRow, keep_entered: bool) -> IndicatorScore:
    if r.指标性质 == "定性":
        q = score_qualitative(r.完成档次 or "达成", r.得分, r.分值)
        return IndicatorScore(r, q.score, q.score, q.problem or f"定性指标，评价组按“{r.完成档次}”档评分")
    target, actual = parse_figure(r.指标值), parse_figure(r.实际完成值)
    computed = score_quantitative(r.指标性质, target, actual, r.分值)
    used = r.得分 if keep_entered and r.得分 is not None else computed
    return IndicatorScore(r, computed, used, _working(r.指标性质, target, actual, r.分值))


def _working(nature: str, target: Decimal, actual: Decimal, points: Decimal) -> str:
    """The basis as a reader checks it: the figures in the order the formula divides them."""
    met = {"≥": actual >= target, "≤": actual <= target, "＝": actual == target}[nature]
    if met:
        return f"{nature} 完成值{actual}达到指标值{target}，得满分"
    if nature == "≥":
        return f"≥ 完成值/指标值×分值：{actual}/{target}×{points}"
    if nature == "≤":
        return f"≤ 指标值/完成值×分值：{target}/{actual}×{points}"
    low, high = sorted((abs(target), abs(actual)))
    return f"＝ 未相等，按较小值/较大值×分值：{low}/{high}×{points}"


def score_projects(data: ProjectData, keep_entered: bool = False) -> dict[str, ProjectScore]:
    """Each project's 预算执行率 points and indicator points, with the working."""
    funds = {(r.项目名称, r.资金类别): r for r in data.资金}
    scores = {}
    for p in data.项目:
        total = funds.get((p.项目名称, "年度资金总额"))
        execution = score_execution(total.全年预算数, total.全年执行数, EXECUTION_POINTS) if total else None
        s = ProjectScore(p.项目名称, execution.rate if execution else None, execution.score if execution else None)
        s.indicators = [_score_indicator(r, keep_entered) for r in data.指标 if r.项目名称 == p.项目名称]
        scores[p.项目名称] = s
    return scores


def entered_score_warnings(scores: dict[str, ProjectScore]) -> list[Problem]:
    """Where the evaluators typed a score that differs from the computed one."""
    problems = []
    for s in scores.values():
        for i in s.indicators:
            r = i.row
            if r.指标性质 != "定性" and r.得分 is not None and i.computed is not None and r.得分 != i.computed:
                problems.append(at(r, "得分", f"填写的得分 {r.得分} 与按公式计算的 {i.computed}（{i.basis}）不一致；"
                                              f"报告采用计算值，如需采用填写值请加 --keep-entered-scores",
                                    Severity.WARNING))
    return problems


@dataclass
class ProjectScores:
    """Every project's score; `total` and `grade` speak for the workbook only when the report is one project."""

    projects: dict[str, ProjectScore]
    problems: list[Problem] = field(default_factory=list)
    kept: bool = False  # the evaluators' scores are shown (--keep-entered-scores)
    total: Decimal | None = None  # a workbook of several projects has no one total
    grade: str = "—"

    def only(self, name: str) -> "ProjectScores":
        return ProjectScores({name: self.projects[name]}, [], self.kept)


def score(data: ProjectData, options: Options) -> ProjectScores:
    projects = score_projects(data, options.keep_entered_scores)
    problems = entered_score_warnings(projects)
    for name, p in projects.items():
        # a text row without 项目名称 speaks for the whole report: checkable only when there is one project
        own = [t for t in data.文字 if t.项目名称 == name or (not t.项目名称 and len(projects) == 1)]
        problems += narrative_score_problems(own, p.total, p.grade)
    return ProjectScores(projects, problems, options.keep_entered_scores)
