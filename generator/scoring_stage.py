"""The scoring stage: computed scores (or, if asked, the evaluators'), and the context they feed.

The report uses computed scores. The evaluators' typed 综合得分 is used only with
--keep-entered-scores; where it differs from the computed one, `validate` warns.
A total that cannot be computed blocks the report instead of printing a guess.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .errors import Problem
from .formatting import score as score_text
from .narrative_scores import narrative_score_problems
from .score_rules import load_rules
from .scoring import ScoreSheet, entered_score_problems, grade_of, score_department


@dataclass
class Scores:
    kind: str
    total: Decimal | None = None
    grade: str = "—"
    sheet: ScoreSheet | None = None
    projects: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    kept: bool = False  # the evaluators' scores are shown (--keep-entered-scores)

    def only(self, name: str) -> "Scores":
        return Scores(self.kind, self.total, self.grade, self.sheet, {name: self.projects[name]}, [], self.kept)

    def context(self, data, info) -> dict:
        if self.kind == "project":
            from .project_context import project_context

            return project_context(data, self.projects, info.report_unit, info.separators)
        return self._department_context(data, info)

    def _department_context(self, data, info) -> dict:
        from .context import department_context
        from .indicators import compute_indicators

        sentences = [f"{i.name}为{i.display}（{i.figures}）。" for i in compute_indicators(data) if i.value is not None]
        row_scores = {r.row_number: score_text(r.entered if r.entered is not None and self.kept else r.computed)
                      for r in self.sheet.rows if r.row_number}
        context = department_context(data, info.report_unit, info.separators, score_text(self.total), self.grade,
                                     sentences, row_scores)
        context["评分"] = [{"指标": r.indicator, "依据": r.basis, "分值": score_text(r.points),
                          "得分": score_text(r.score)} for r in self.sheet.rows]
        context["评分规则"] = self.sheet.rules
        return context


def _department(data, options) -> Scores:
    sheet = score_department(data, load_rules(options.rules))
    s = Scores("department", sheet=sheet, problems=entered_score_problems(data, sheet))
    unit = data.单位
    if options.keep_entered_scores and unit.综合得分 is not None:
        s.total, s.grade, s.kept = unit.综合得分, unit.评价等次 or grade_of(unit.综合得分), True
    elif sheet.complete:
        s.total, s.grade = sheet.total, sheet.grade
    else:
        for row in sheet.unscored:
            sheet_name, _, ref = (row.cell or unit.cell("综合得分")).partition("!")
            s.problems.append(Problem(sheet_name, ref, f"无法计算综合得分：{row.indicator}（{row.basis}）。请补齐数据或"
                                                       f"填写得分，或加 --keep-entered-scores 采用评价组填写的综合得分"))
    s.problems += narrative_score_problems(data.文字, s.total, s.grade)
    return s


def _project(data, options) -> Scores:
    from .project_rules import entered_score_warnings, score_projects

    projects = score_projects(data, options.keep_entered_scores)
    problems = entered_score_warnings(projects)
    for name, p in projects.items():
        # a text row without 项目名称 speaks for the whole report: checkable only when there is one project
        own = [t for t in data.文字 if t.项目名称 == name or (not t.项目名称 and len(projects) == 1)]
        problems += narrative_score_problems(own, p.total, p.grade)
    return Scores("project", projects=projects, problems=problems, kept=options.keep_entered_scores)


def score(kind: str, data, options) -> Scores:
    return _project(data, options) if kind == "project" else _department(data, options)
