"""The kinds of workbook, and the one place that tells which kind a workbook is."""
from __future__ import annotations

from generator.errors import UsageError
from generator.kinds.base import Kind
from generator.kinds.department.kind import DEPARTMENT
from generator.kinds.project.kind import PROJECT

KINDS: dict[str, Kind] = {k.name: k for k in (DEPARTMENT, PROJECT)}


# Sheets only a project workbook has: any of them (and no 单位信息) makes it one, so a project workbook
# whose 项目信息 was renamed is still read as a project one and told which sheet it lacks.
_PROJECT_ONLY = {s.name for s in PROJECT.sheets} - {s.name for s in DEPARTMENT.sheets}


def kind_of(sheet_names) -> Kind:
    """A workbook with a project-only sheet (项目信息, 项目资金 …) and no 单位信息 is a project workbook;
    any other is a department one."""
    names = set(sheet_names)
    return PROJECT if "单位信息" not in names and names & _PROJECT_ONLY else DEPARTMENT


def kind_named(name: str) -> Kind:
    if name not in KINDS:
        raise UsageError(f"没有名为“{name}”的工作簿类型；可用的类型：{'、'.join(KINDS)}")
    return KINDS[name]
