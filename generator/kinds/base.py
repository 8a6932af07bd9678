"""What every kind of workbook provides, as one record: the seam between the pipeline and a kind.

A kind is decided once, from the workbook's sheets (registry.kind_of); from then on the
pipeline, the CLI and the batch reach everything kind-specific through its `Kind`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from generator.errors import Problem
from generator.workbook.schema import SheetSpec
from generator.workbook.xlsx import Workbook


@dataclass(frozen=True)
class Options:
    """Choices that change the figures: the scoring rules and whose scores the report shows.

    `rules` "" means the kind's own default (Kind.default_rules)."""

    rules: str = ""
    keep_entered_scores: bool = False


@dataclass(frozen=True)
class ScoreGrid:
    """A score table with its working as plain text cells, for a caller that draws its own table (the web page)."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()  # lines under the table: 综合得分 and 评价等次, what could not be scored


@dataclass(frozen=True)
class Kind:
    """One kind of workbook. `data` and `scores` are the kind's own types; the pipeline only passes them on.

    Scores carry `total`, `grade` (for the batch summary) and `problems` (found while scoring)."""

    name: str  # as templates and `init --kind` name it: department, project
    label: str  # 部门整体支出
    init_title: str  # the title of a blank workbook's 填表说明
    sheets: tuple[SheetSpec, ...]
    text_sections: dict  # parts of the 文字 sheet: name -> (description, sentence when left out)
    load: Callable[[str, Workbook], tuple[Any | None, list[Problem]]]  # data is None when unusable
    score: Callable[[Any, Options], Any]
    context: Callable[[Any, Any, str, bool], dict]  # data, scores, report unit, thousands separators
    report_name: Callable[[Any], str]  # who and which year: 「某局-2024年度」
    split: Callable[[Any, Any], list[tuple[Any, Any]]]  # one (data, scores) per report of --each
    score_table: Callable[[Any], str]  # `genreport score`
    score_grids: Callable[[Any], list[ScoreGrid]]  # the same working as tables of text (the web page)
    who: Callable[[Any], tuple[str | None, int | None]]  # unit name and year, as far as the data gives them
    default_rules: str  # the scoring rules file used without --rules
    load_rules: Callable[[str], Any]  # a rules file of this kind by name or path ("" = default); UsageError if bad
    init_rows: Callable[[str], dict]  # rows `init` writes for a rules file (sheet -> rows)
    init_notes: Callable[[str], tuple[str, ...]]  # lines `init` adds to 填表说明
