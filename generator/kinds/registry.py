"""The kinds of workbook, and the one place that tells which kind a workbook is."""
from __future__ import annotations

from generator.errors import UsageError
from generator.kinds.base import Kind
from generator.kinds.department.kind import DEPARTMENT
from generator.kinds.project.kind import PROJECT

KINDS: dict[str, Kind] = {k.name: k for k in (DEPARTMENT, PROJECT)}


def kind_of(sheet_names) -> Kind:
    """A workbook with 项目信息 and no 单位信息 is a project workbook; any other is a department one."""
    return PROJECT if "项目信息" in sheet_names and "单位信息" not in sheet_names else DEPARTMENT


def kind_named(name: str) -> Kind:
    if name not in KINDS:
        raise UsageError(f"没有名为“{name}”的工作簿类型；可用的类型：{'、'.join(KINDS)}")
    return KINDS[name]
