"""The department (部门整体支出) kind: how its workbook is read, checked, scored and shown."""
from __future__ import annotations

from generator.kinds.base import Kind
from generator.kinds.common.sections import unknown_sections
from generator.kinds.department.checks import check_department
from generator.kinds.department.context import department_context
from generator.kinds.department.models import ADJUSTMENT_ROW, CONTROL_ITEMS, DEPARTMENT_SHEETS, TEXT_SECTIONS, DepartmentData
from generator.kinds.department.rules import DEFAULT_RULES, load_rules
from generator.kinds.department.score_table import score_grids, score_table
from generator.kinds.department.scoring import DepartmentScores, score
from generator.workbook.reader import read_sheets
from generator.workbook.xlsx import Workbook


def load_department(source: str, wb: Workbook) -> tuple[DepartmentData | None, list]:
    """The data (None without a usable 单位信息) and every problem of every sheet."""
    result = read_sheets(wb, DEPARTMENT_SHEETS)
    problems = list(result.problems)
    fields = {spec.key: result.rows(spec.name) for spec in DEPARTMENT_SHEETS}
    fields["单位"] = fields["单位"][0] if fields["单位"] else None
    data = DepartmentData.model_construct(source=source, **fields)
    skip = result.failed_sheets | ({"单位信息"} if data.单位 is None else set())
    problems += check_department(data, skip)
    problems += unknown_sections(data.文字, TEXT_SECTIONS)
    return (data if data.单位 is not None else None), problems


def _report_name(data: DepartmentData) -> str:
    return f"{data.单位.单位名称}-{data.单位.年度}年度"


def _split(data: DepartmentData, scores: DepartmentScores) -> list[tuple[DepartmentData, DepartmentScores]]:
    return [(data, scores)]  # a department workbook is one report already


def _who(data: DepartmentData) -> tuple[str, int]:
    return data.单位.单位名称, data.单位.年度


# The 经费控制 item each indicator reads (its 其中 rows are written with it).
ITEM_OF = {"sangong_change": "三公经费", "sangong_control": "三公经费", "budget_adjustment": ADJUSTMENT_ROW,
           "budget_control": ADJUSTMENT_ROW, "key_spending": "项目支出", "public_funds": "公用经费",
           "procurement": "政府采购金额", "payment_progress": "支付进度"}


def _top(name: str) -> str:
    parents = dict(CONTROL_ITEMS)
    while parents.get(name):
        name = parents[name]
    return name


def _needed_items(rules: str) -> list[str]:
    wanted = {ITEM_OF[r.key] for r in load_rules(rules).rules if r.key in ITEM_OF}
    if "项目支出" in wanted:
        wanted.add("业务工作专项")
    return [name for name, _ in CONTROL_ITEMS if _top(name) in wanted or name in wanted]


def _init_rows(rules: str) -> dict:
    """The 经费控制 rows the rules file's indicators read, with their 其中 rows, numbers left to fill."""
    parents = dict(CONTROL_ITEMS)
    return {"经费控制": [{"项目": name, "上级项目": parents[name]} for name in _needed_items(rules)]}


def _init_notes(rules: str) -> tuple[str, ...]:
    chosen = load_rules(rules)
    items = "、".join(n for n in _needed_items(rules) if not dict(CONTROL_ITEMS)[n])
    notes = ["经费控制：按评分规则“" + chosen.name + "”已列出计分需要的项目（" + (items or "无") + "）及其“其中”项，"
             "请填写各列金额，不要删除或改名；需要其他项目可从“项目”列的下拉列表选择或直接填写。",
             "三公经费按其中各项（公务用车购置和维护经费、出国经费、公务接待）分别填写上年决算数、本年预算数和本年决算数，"
             "各项之和应等于三公经费。"]
    if ADJUSTMENT_ROW in items:
        notes.append(f"“{ADJUSTMENT_ROW}”行：本年预算数填部门年初预算（不知道可留空，由收入推算），本年追加、本年追减"
                     "分别填全年追加和追减的预算（都填正数），本年决算数填追加 − 追减，上年决算数填上年的追加 − 追减。")
    notes.append("收入、支出和结余表末列的“上年收入合计”“上年支出合计”填上年决算数，报告据此写“较上年增加/减少”。")
    return tuple(notes)


DEPARTMENT = Kind(
    name="department", label="部门整体支出", init_title="部门整体支出绩效自评 数据填报表",
    sheets=DEPARTMENT_SHEETS, text_sections=TEXT_SECTIONS, load=load_department, score=score,
    context=department_context, report_name=_report_name, split=_split, score_table=score_table, score_grids=score_grids,
    who=_who, default_rules=DEFAULT_RULES, load_rules=load_rules, init_rows=_init_rows, init_notes=_init_notes,
)
