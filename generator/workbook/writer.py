"""Write the input workbook: empty for `genreport init`, or filled (samples, tests).

Headers, widths, number formats, dropdowns and the 填表说明 sheet all come from
the models, so they always match what the reader expects.
"""
from __future__ import annotations

import io
import re
import typing
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from generator.workbook.convert import unwrap
from generator.workbook.schema import SheetSpec
from generator.output import fixed_zip_entry, write_atomic

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FONT = Font(bold=True, color="C00000", name="宋体")
HEADER_FONT = Font(bold=True, name="宋体")
THIN = Side(style="thin", color="999999")
DATA_ROWS = 200  # rows that get number formats and dropdowns ahead of the user


NUMBER_KINDS = {True: "figure", "figure": "figure", "score": "score", "percent": "percent", "amount": "money"}


def column_kind(annotation, number: bool | str = False) -> tuple[str, tuple[str, ...]]:
    """(kind, choices) of a column; `number` is the col() extra saying what a Decimal column holds."""
    inner, _ = unwrap(annotation)
    if typing.get_origin(inner) is typing.Literal:
        return "choice", typing.get_args(inner)
    if inner is Decimal:
        return NUMBER_KINDS.get(number, "money"), ()
    if inner is int:
        return "int", ()
    if inner is date:
        return "date", ()
    return "text", ()


def column_docs(spec: SheetSpec) -> list[dict]:
    """One entry per column: header, required, kind, choices, description (README and 填表说明)."""
    out = []
    for header, name in spec.columns():
        info = spec.model.model_fields[name]
        extra = info.json_schema_extra or {}
        kind, choices = column_kind(info.annotation, extra.get("number", False))
        choices = tuple(extra.get("choices", choices))
        out.append({"header": header, "field": name, "required": info.is_required(), "kind": kind,
                    "choices": choices, "description": info.description or "",
                    "strict": kind == "choice"})
    return out


KIND_NAMES = {"money": "金额", "score": "分数", "percent": "百分比", "figure": "数值", "int": "整数", "date": "日期",
              "text": "文字", "choice": "下拉选择"}
# 百分比 columns take the number of percent (95 for 95%), so they are not given Excel's % format.
NUMBER_FORMATS = {"money": "#,##0.00", "score": "0.00", "int": "0", "date": "yyyy-mm-dd", "text": "@"}


def choices_text(doc: dict) -> str:
    """How 填表说明 and the README name a column's choices (the description says when others are allowed)."""
    return f"（可选值：{'、'.join(doc['choices'])}）" if doc["choices"] else ""


def _sheet(wb: Workbook, spec: SheetSpec, rows: list[dict] | None) -> None:
    ws = wb.create_sheet(spec.name)
    docs = column_docs(spec)
    for c, doc in enumerate(docs, start=1):
        cell = ws.cell(row=1, column=c, value=doc["header"])
        cell.font = REQUIRED_FONT if doc["required"] else HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        letter = get_column_letter(c)
        wide = doc["kind"] == "text" and doc["field"] in ("职责", "任务", "内容", "绩效目标", "完成情况", "说明")
        ws.column_dimensions[letter].width = 60 if wide else max(12, len(doc["header"]) * 2.2 + 2)
        area = f"{letter}2:{letter}{DATA_ROWS + 1}"
        if doc["choices"]:
            dv = DataValidation(type="list", formula1='"' + ",".join(doc["choices"]) + '"',
                                allow_blank=True, showErrorMessage=doc["strict"])
            dv.error = f"请从下拉列表中选择：{'、'.join(doc['choices'])}"
            dv.errorTitle = doc["header"]
            ws.add_data_validation(dv)
            dv.add(area)
        # A column style reaches every row a user adds, at the cost of one element.
        ws.column_dimensions[letter].number_format = NUMBER_FORMATS.get(doc["kind"], "General")
        if wide:
            ws.column_dimensions[letter].alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    for r, record in enumerate(rows or [], start=2):
        for c, doc in enumerate(docs, start=1):
            value = record.get(doc["header"], record.get(doc["field"]))
            if value is not None:
                cell = ws.cell(row=r, column=c, value=value)
                cell.number_format = NUMBER_FORMATS.get(doc["kind"], "General")


def _guide(wb: Workbook, specs: tuple[SheetSpec, ...], title: str, notes: tuple[str, ...] = ()) -> None:
    ws = wb.active
    ws.title = "填表说明"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14, name="宋体")
    ws.append(["每张工作表第 1 行为表头，不要改动；从第 2 行起每行一条记录。红色表头为必填列，金额为零请填 0。"])
    ws.append(["金额单位在“单位信息”中声明，明细表每行单独声明；程序不会猜测单位。"])
    for note in notes:
        ws.append([note])
    ws.append([])
    ws.append(["工作表", "列", "必填", "类型", "说明"])
    for cell in ws[ws.max_row]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    for spec in specs:
        for doc in column_docs(spec):
            desc = doc["description"] + choices_text(doc)
            ws.append([spec.name, doc["header"], "是" if doc["required"] else "", KIND_NAMES[doc["kind"]], desc])
    for letter, width in zip("ABCDE", (14, 26, 6, 10, 90)):
        ws.column_dimensions[letter].width = width


def workbook_bytes(specs: tuple[SheetSpec, ...], data: dict[str, list[dict]] | None = None,
                   title: str = "部门整体支出绩效自评 数据填报表", notes: tuple[str, ...] = ()) -> bytes:
    """The workbook: 填表说明 (title, `notes`, every column), then one sheet per spec with `data`'s rows."""
    wb = Workbook()
    _guide(wb, specs, title, notes)
    for spec in specs:
        _sheet(wb, spec, (data or {}).get(spec.name))
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_dates(buf.getvalue())


_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _fixed_dates(xlsx: bytes) -> bytes:
    """openpyxl stamps the save time into the zip and core.xml; fixed dates make samples reproducible,
    so regenerating them shows a diff only where the data changed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _STAMP.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
            dst.writestr(fixed_zip_entry(info.filename), data)
    return out.getvalue()


def write_workbook(path: Path, specs: tuple[SheetSpec, ...], data: dict[str, list[dict]] | None = None,
                   force: bool = False, title: str = "部门整体支出绩效自评 数据填报表",
                   notes: tuple[str, ...] = ()) -> Path:
    return write_atomic(Path(path), workbook_bytes(specs, data, title, notes), force=force)
