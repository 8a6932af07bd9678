"""Department scores (domain.md §4): a rules file applied to the computed indicators and the 绩效指标 sheet.

The rules file is `generator/rules/NAME.toml` (format in `generator/rules/hunan.toml`) or a path;
every step of the working is kept so `genreport score` and the report can show it. Scores are
rounded half-up to 0.01 per row; the total is the sum of the rows as shown. The report uses
computed scores; the evaluators' typed 综合得分 only with --keep-entered-scores, and where it
differs from the computed one, `validate` warns. A total that cannot be computed blocks the
report instead of printing a guess.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from generator.errors import Problem, Severity
from generator.formatting import score as score_text
from generator.kinds.base import Options
from generator.formatting import money
from generator.kinds.common.narrative import Quoted, narrative_figure_problems, narrative_score_problems
from generator.kinds.common.scoring import GRADE_ALIASES, ZERO, cent, grade_of, score_quantitative
from generator.kinds.department.indicators import Indicator, compute_indicators, indicator_of
from generator.kinds.department.models import DepartmentData, IndicatorRow
from generator.kinds.department.rules import STEPS, ZERO_RULES, Rule, Rules, load_rules

@dataclass
class ScoreRow:
    indicator: str
    formula: str
    figures: str
    value: str  # as shown: 「100.00%」 or 「—」
    points: Decimal  # points available
    score: Decimal | None  # None: could not be scored (basis says why)
    basis: str
    cell: str = ""  # the 绩效指标 得分 cell, for rows from that sheet
    row_number: int = 0  # the 绩效指标 sheet row, for rows from that sheet
    entered: Decimal | None = None  # the evaluators' 得分
    computed: Decimal | None = None  # our score on the row's own 分值, to compare with `entered`
    place: str = ""  # for an unscored row: the 工作表!单元格 where the missing figure belongs


@dataclass
class ScoreSheet:
    rules: str
    rows: list[ScoreRow] = field(default_factory=list)
    total: Decimal = ZERO
    grade: str = "—"  # "—" while any row could not be scored

    @property
    def unscored(self) -> list[ScoreRow]:
        return [r for r in self.rows if r.score is None]

    @property
    def complete(self) -> bool:
        return not self.unscored


def _pct(x: Decimal) -> str:
    return f"{x.normalize():f}%"


def apply_rule(rule: Rule, value: Decimal) -> tuple[Decimal, str]:
    """The points an indicator value earns under one rule, and the working in words."""
    p, w, shown = rule.params, rule.weight, f"{rule.name}{value}%"
    if rule.method == "ratio":
        share = max(min(value, p["target"]), ZERO) / p["target"]
        return cent(share * w), f"{shown}，按 {value}%/{_pct(p['target'])} × {_plain(w)}分计分（封顶）"
    if rule.method == "bands":
        for upto, points in p["bands"]:
            if value <= upto:
                return cent(points), f"{shown}，不超过{_pct(upto)}，得{points}分"
        return cent(p["otherwise"]), f"{shown}，超过{_pct(p['bands'][-1][0])}，得{p['otherwise']}分"
    gap = value - p["limit"] if rule.method == "over" else p["limit"] - value
    word = "超过" if rule.method == "over" else "低于"
    if gap <= 0:
        return cent(w), f"{shown}，未{word}{_pct(p['limit'])}，得满分"
    steps = gap / p["step"]
    steps = {"proportional": steps, "whole": Decimal(math.floor(steps)),
             "started": Decimal(math.ceil(steps))}[p["steps"]]
    cut = min(steps * p["deduct"], w)
    return (cent(w - cut), f"{shown}，{word}{_pct(p['limit'])} {gap}个百分点，每{word}{p['step']}个百分点扣"
                            f"{p['deduct']}分（{STEPS[p['steps']]}），扣{score_text(cut)}分")


def _indicator_row(rule: Rule, ind: Indicator) -> ScoreRow:
    if ind.value is None:
        return _zero_row(rule, ind)
    score, working = apply_rule(rule, ind.value)
    basis = f"{rule.basis}。{working}" if rule.basis else working
    return ScoreRow(ind.name, ind.formula, ind.figures, ind.display, rule.weight, score, basis)


def _zero_row(rule: Rule, ind: Indicator) -> ScoreRow:
    """An indicator without a value: a zero denominator scored as the rules file says, else no score."""
    row = ScoreRow(ind.name, ind.formula, ind.figures, ind.display, rule.weight, None, f"{ind.note}，无法计分",
                   place=ind.place)
    if ind.denominator != 0 or ind.numerator is None:  # no figures at all: nothing a rule could say
        return row
    both = ind.numerator == 0
    choice = rule.both_zero if both else rule.denominator_zero
    case = "分子、分母均为0（0/0）" if both else "分母为0（x/0）"
    key = "both_zero" if both else "denominator_zero"
    if choice == "error":
        row.basis = f"{ind.note}；{case}，规则未规定如何计分（{key}），无法计分"
        return row
    row.score = cent(rule.weight) if choice == "full" else cent(ZERO)
    row.value = "—"
    row.basis = f"{ind.note.removesuffix('，无法计算')}；{case}，按规则{ZERO_RULES[choice]}"
    return row


def _row_name(row: IndicatorRow) -> str:
    parts = [row.一级指标, row.二级指标, row.指标名称] if row.类型 == "定量" else ["定性目标", row.指标名称]
    return "绩效指标：" + "/".join(p for p in parts if p)


def _score_own(row: IndicatorRow, points: Decimal) -> tuple[Decimal | None, str, str, str, str]:
    """(score, formula, figures, value, basis) of one 绩效指标 row on `points`."""
    if row.类型 == "定量" and row.指标性质 and row.指标值 is not None and row.完成值 is not None:
        unit, target, actual = row.度量单位 or "", _plain(row.指标值), _plain(row.完成值)
        score = score_quantitative(row.指标性质, row.指标值, row.完成值, points)
        formula, ratio = {"≥": ("完成值 / 指标值 × 分值", f"{actual}/{target}"),
                          "≤": ("指标值 / 完成值 × 分值", f"{target}/{actual}"),
                          "＝": ("较小值 / 较大值 × 分值", "较小值/较大值")}[row.指标性质]
        figures = f"指标值{row.指标性质}{target}{unit}，完成值{actual}{unit}"
        basis = ("达到指标值，得满分" if score == cent(points)
                 else f"未达到指标值，{ratio} × {score_text(points)} = {score_text(score)}")
        return score, formula, figures, f"{actual}{unit}", basis
    if row.得分 is None:
        return None, "评价组评分", "", "—", "未填得分，无法计分"
    if not ZERO <= row.得分 <= points:
        return None, "评价组评分", "", "—", f"得分{score_text(row.得分)}超出0–{score_text(points)}分"
    return cent(row.得分), "评价组评分", "", "—", "采用评价组评分"


def _plain(x: Decimal) -> str:
    """83.74 as 「83.74」, 277000 as 「277000」; binary noise from a spreadsheet (83.73999999999999)
    is cut at six decimals, well below any figure a target is written with."""
    return f"{x.quantize(Decimal('0.000001'), rounding=ROUND_HALF_UP).normalize():f}"


def _performance_rows(data: DepartmentData, weight: Decimal) -> list[ScoreRow]:
    """The 绩效指标 rows, their 分值 scaled so the sheet carries `weight` points.

    With no 分值 anywhere the weight is shared equally, and only rows with figures can be
    scored (an entered 得分 is on no known scale). With 分值 on some rows, a row without is
    commentary (e.g. the 定性 overall target) and carries no points."""
    rows = data.绩效指标
    total = sum((r.分值 for r in rows if r.分值 is not None), ZERO)
    shared = all(r.分值 is None for r in rows)
    factor = weight / total if total else Decimal(1)
    out = []
    for row in rows:
        place = (row.cell("得分"), row.row_number, row.得分)
        if not shared and row.分值 is None:
            out.append(ScoreRow(_row_name(row), "", "", "—", ZERO, ZERO, "未设分值，不计分", *place))
            continue
        own = cent(weight / len(rows)) if shared else row.分值
        score, formula, figures, value, basis = _score_own(row, own)
        if shared and not figures:
            score, basis = None, "未设分值，无法采用评价组评分"
        scale = Decimal(1) if shared else factor
        if scale != 1 and score is not None:
            basis += f"；分值合计{_plain(total)}，按权重{_plain(weight)}折算"
        out.append(ScoreRow(_row_name(row), formula, figures, value, cent(own * scale),
                            None if score is None else cent(score * scale), basis, *place, score))
    return out


def score_department(data: DepartmentData, rules: Rules, computed: list[Indicator] | None = None) -> ScoreSheet:
    """Every rule applied to its computed indicator, then the 绩效指标 sheet on its weight."""
    indicators = {i.key: i for i in (compute_indicators(data) if computed is None else computed)}
    rows = [_indicator_row(rule, indicators.get(rule.key) or indicator_of(data, rule.key)) for rule in rules.rules]
    if rules.performance_weight > 0 and data.绩效指标:
        rows += _performance_rows(data, rules.performance_weight)
    total = sum((r.score for r in rows if r.score is not None), ZERO)
    sheet = ScoreSheet(rules.name, rows, total)
    # a grade from a partial total would read as a verdict; leave it open instead
    sheet.grade = grade_of(total) if sheet.complete else "—"
    return sheet


def entered_score_problems(data: DepartmentData, sheet: ScoreSheet) -> list[Problem]:
    """Warnings where a score the evaluators typed differs from the computed one."""
    problems = []
    for row in sheet.rows:
        if row.entered is None or not row.cell or cent(row.entered) == row.computed:
            continue
        ours = f"无法计算（{row.basis}）" if row.computed is None else score_text(row.computed)
        problems.append(_warning(row.cell, f"{row.indicator} 评价组得分{score_text(row.entered)}，"
                                           f"按规则“{sheet.rules}”计算为{ours}"))
    unit = data.单位
    if not sheet.complete:  # no computed total to compare with
        return problems
    if unit.综合得分 is not None and cent(unit.综合得分) != sheet.total:
        problems.append(_warning(unit.cell("综合得分"), f"评价组填写的综合得分{score_text(unit.综合得分)}，"
                                                     f"按规则“{sheet.rules}”计算为{score_text(sheet.total)}"))
    if unit.评价等次 and GRADE_ALIASES.get(unit.评价等次, unit.评价等次) != sheet.grade:
        problems.append(_warning(unit.cell("评价等次"), f"评价组填写的评价等次“{unit.评价等次}”，"
                                                     f"按计算得分{score_text(sheet.total)}应为“{sheet.grade}”"))
    return problems


def _warning(cell: str, message: str) -> Problem:
    sheet, _, ref = cell.partition("!")
    return Problem(sheet, ref, message, Severity.WARNING)


@dataclass
class DepartmentScores:
    """The score sheet with its working, the indicators it was computed from, and the total the report shows."""

    sheet: ScoreSheet
    indicators: list[Indicator]
    total: Decimal | None = None
    grade: str = "—"
    problems: list[Problem] = field(default_factory=list)
    kept: bool = False  # the evaluators' scores are shown (--keep-entered-scores)


def _unscored_problem(row: ScoreRow, total_cell: str) -> Problem:
    """An unscored row blocks the report: said where the missing figure belongs, the 综合得分 cell last."""
    sheet_name, _, ref = (row.place or row.cell or total_cell).partition("!")
    if row.basis.startswith("经费控制表缺少"):
        item = row.basis.split("“")[1].split("”")[0]
        return Problem(sheet_name, ref, f"无法计算{row.indicator}：经费控制表缺少“{item}”行。请在此添加一行，"
                                        f"项目填“{item}”（可从下拉列表选择）并填写各列金额；否则无法计算综合得分")
    return Problem(sheet_name, ref, f"无法计算综合得分：{row.indicator}（{row.basis}）。请补齐数据或"
                                    f"填写得分，或加 --keep-entered-scores 采用评价组填写的综合得分")


def score(data: DepartmentData, options: Options) -> DepartmentScores:
    indicators = compute_indicators(data)
    sheet = score_department(data, load_rules(options.rules), indicators)
    s = DepartmentScores(sheet, indicators, problems=entered_score_problems(data, sheet))
    unit = data.单位
    if options.keep_entered_scores and unit.综合得分 is not None:
        s.total, s.grade, s.kept = unit.综合得分, unit.评价等次 or grade_of(unit.综合得分), True
    elif sheet.complete:
        s.total, s.grade = sheet.total, sheet.grade
    else:
        for row in sheet.unscored:
            s.problems.append(_unscored_problem(row, unit.cell("综合得分")))
    s.problems += narrative_score_problems(data.文字, s.total, s.grade)
    s.problems += narrative_figure_problems(data.文字, quoted_figures(data, indicators, sheet))
    return s


HEADLINES = (  # (sheet, field, names a text may use)
    ("收入", "收入合计", ("收入合计", "收入总计", "总收入", "收入")),
    ("支出和结余", "支出合计", ("支出合计", "支出总计", "支出总额", "总支出", "支出")),
    ("支出和结余", "基本支出", ("基本支出",)),
    ("支出和结余", "项目支出", ("项目支出",)),
    ("三公经费", "三公经费合计", ("三公经费合计", "三公经费")),
)


def quoted_figures(data: DepartmentData, indicators: list[Indicator], sheet: ScoreSheet) -> list[Quoted]:
    """What a 文字 cell may quote by name: each indicator's rate and score, the headline amounts."""
    unit = data.单位.金额单位
    known = [Quoted((i.name,), i.value, "percent", shown=i.display) for i in indicators if i.value is not None]
    known += [Quoted((r.indicator,), r.score, "score", shown=f"{score_text(r.score)}分")
              for r in sheet.rows if r.score is not None and not r.row_number]
    for table, field_name, names in HEADLINES:
        rows = getattr(data, table)
        if rows:
            value = getattr(rows[0], field_name)
            known.append(Quoted(names, value, "money", unit, f"{money(value, unit == '元')}{unit}"))
    return known
