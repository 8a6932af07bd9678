"""The 文字 sheet's parts: names a kind knows, and parts a template needs that are not there."""
from __future__ import annotations

from generator.errors import Problem


def unknown_sections(rows, sections: dict) -> list[Problem]:
    problems = []
    for row in rows:
        if row.部分 not in sections:
            sheet, cell = row.cell("部分").split("!")
            problems.append(Problem(sheet, cell, f"未知的部分“{row.部分}”；应为 {'、'.join(sections)} 之一"))
    return problems


def missing_sections(rows, required: list[str], sections: dict) -> list[Problem]:
    """Parts a template shows that must come from the 文字 sheet and are not there."""
    have = {r.部分 for r in rows}
    problems = []
    for name in required:
        description, default = sections.get(name, (name, None))
        if name not in have and default is None:
            problems.append(Problem("文字", "", f"模板需要“{name}”部分的文字（{description}），工作表中没有这一行"))
    return problems
