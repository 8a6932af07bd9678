"""Scores of a project workbook (财预〔2020〕10号): 预算执行率 and every 绩效指标 computed from the figures.

The working is kept for the report and `genreport score`. The evaluators' typed scores (each
indicator's 得分, the project's 综合得分) are used only with --keep-entered-scores; where they differ
from the computed ones, `validate` warns. 预算执行率 carries what the indicators' 分值 leave of 100;
a split other than the rules file's (财预〔2020〕10号: 10/50/30/10) is scored as typed, with a warning.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from generator.errors import Problem, Severity
from generator.kinds.base import Options
from generator.kinds.common.narrative import Quoted, narrative_figure_problems, narrative_score_problems
from generator.kinds.common.scoring import cent, grade_of, score_execution, score_qualitative, score_quantitative
from generator.kinds.common.checks import at
from generator.formatting import money_typed
from generator.formatting import score as score_text
from generator.kinds.project.checks import TOTAL_POINTS, parse_figure
from generator.kinds.project.models import LEVEL1, FundRow, ProjectData, ProjectIndicatorRow
from generator.kinds.project.rules import EXECUTION, ProjectRules, load_project_rules


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
    execution_points: Decimal = Decimal(10)
    entered_total: Decimal | None = None  # 项目信息 综合得分, shown with --keep-entered-scores

    @property
    def computed_total(self) -> Decimal:
        parts = [self.execution_score or Decimal(0)] + [i.used or Decimal(0) for i in self.indicators]
        return sum(parts, Decimal(0))

    @property
    def total(self) -> Decimal:
        return self.computed_total if self.entered_total is None else self.entered_total

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


def year_totals(data: ProjectData) -> dict[str, FundRow]:
    """Each project's 年度资金总额 row, by 项目名称."""
    return {r.项目名称: r for r in data.资金 if r.资金类别 == "年度资金总额"}


def score_projects(data: ProjectData, keep_entered: bool = False) -> dict[str, ProjectScore]:
    """Each project's 预算执行率 points (100 less its indicators' 分值) and indicator points, with the working."""
    totals = year_totals(data)
    scores = {}
    for p in data.项目:
        rows = [r for r in data.指标 if r.项目名称 == p.项目名称]
        points = TOTAL_POINTS - sum((r.分值 for r in rows), Decimal(0))
        total = totals.get(p.项目名称)
        execution = score_execution(total.全年预算数, total.全年执行数, points) if total else None
        s = ProjectScore(p.项目名称, execution.rate if execution else None, execution.score if execution else None,
                         execution_points=points)
        s.indicators = [_score_indicator(r, keep_entered) for r in rows]
        if keep_entered and p.综合得分 is not None:
            s.entered_total = p.综合得分
        scores[p.项目名称] = s
    return scores


def split_warnings(data: ProjectData, scores: dict[str, ProjectScore], rules: ProjectRules) -> list[Problem]:
    """A 分值 split other than the rules file's: scored as typed, and said."""
    problems = []
    for p in data.项目:
        rows = [r for r in data.指标 if r.项目名称 == p.项目名称]
        if not rows:
            continue
        split = {EXECUTION: scores[p.项目名称].execution_points}
        split |= {level: sum((r.分值 for r in rows if r.一级指标 == level), Decimal(0)) for level in LEVEL1}
        if split != rules.weights:
            ours = "、".join(f"{k}{score_text(v)}" for k, v in split.items())
            theirs = "、".join(f"{k}{score_text(v)}" for k, v in rules.weights.items())
            problems.append(at(rows[0], "分值", f"项目“{p.项目名称}”的分值为 {ours}，与评分规则“{rules.name}”的 {theirs} "
                                               f"不同；按工作簿所填分值计分", Severity.WARNING))
    return problems


def total_warnings(data: ProjectData, scores: dict[str, ProjectScore], kept: bool) -> list[Problem]:
    """A typed 综合得分 that differs from the computed total (a warning; with --keep-entered-scores it is used)."""
    problems = []
    for p in data.项目:
        s = scores[p.项目名称]
        if p.综合得分 is None or cent(p.综合得分) == cent(s.computed_total):
            continue
        used = "报告采用填写值" if kept else "报告采用计算值，如需采用填写值请加 --keep-entered-scores"
        problems.append(at(p, "综合得分", f"项目“{p.项目名称}”填写的综合得分 {score_text(p.综合得分)} 与按公式计算的 "
                                         f"{score_text(s.computed_total)} 不一致；{used}", Severity.WARNING))
    return problems


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
    total: Decimal | None = None  # a workbook of several projects has no one total
    grade: str = "—"

    def only(self, name: str) -> "ProjectScores":
        """One project's part of the scores (--each); the part's report lists the workbook's problems."""
        return ProjectScores({name: self.projects[name]})


def score(data: ProjectData, options: Options) -> ProjectScores:
    rules = load_project_rules(options.rules)
    projects = score_projects(data, options.keep_entered_scores)
    problems = entered_score_warnings(projects) + split_warnings(data, projects, rules)
    problems += total_warnings(data, projects, options.keep_entered_scores)
    totals = year_totals(data)
    for info in data.项目:
        name, p = info.项目名称, projects[info.项目名称]
        # a text row without 项目名称 speaks for the whole report: checkable only when there is one project
        own = [t for t in data.文字 if t.项目名称 == name or (not t.项目名称 and len(projects) == 1)]
        problems += narrative_score_problems(own, p.total, p.grade)
        problems += narrative_figure_problems(own, quoted_figures(p, info.金额单位, totals.get(name)))
    return ProjectScores(projects, problems)


# 年度资金总额's columns and the names a text may call them by (财预〔2020〕10号 自评表 headings)
FUND_NAMES = (("年初预算数", ("年初预算数", "年初预算")), ("全年预算数", ("全年预算数", "调整后预算数")),
              ("全年执行数", ("全年执行数", "实际执行数")))


def quoted_figures(p: ProjectScore, unit: str, total: FundRow | None) -> list[Quoted]:
    """What one project's 文字 may quote by name: 预算执行率 (rate and score), each 三级指标's score, and
    年度资金总额's 年初预算数 / 全年预算数 / 全年执行数."""
    known = []
    if p.execution_rate is not None:
        known.append(Quoted(("预算执行率",), p.execution_rate, "percent"))
    if p.execution_score is not None:
        known.append(Quoted(("预算执行率",), p.execution_score, "score", shown=f"{score_text(p.execution_score)}分"))
    known += [Quoted((i.row.三级指标,), i.used, "score", shown=f"{score_text(i.used)}分")
              for i in p.indicators if i.used is not None]
    if total is not None:
        for column, names in FUND_NAMES:
            value = getattr(total, column)
            known.append(Quoted(names, value, "money", unit, f"{money_typed(value)}{unit}"))
    return known
