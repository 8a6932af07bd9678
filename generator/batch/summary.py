"""What a batch hands back: DIR/汇总.xlsx, and with --zip one archive of everything to send."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from generator.batch.worker import UnitResult
from generator.output import write_atomic, write_atomic_with

SUMMARY_NAME = "汇总.xlsx"
SUMMARY_HEADERS = ("文件", "单位名称", "年度", "状态", "综合得分", "等次", "问题数", "输出文件", "说明")
PROBLEM_HEADERS = ("文件", "工作表", "单元格", "级别", "说明")


def zip_name(out_dir: Path) -> str:
    return f"{Path(out_dir).resolve().name or '报告'}.zip"


def write_summary(path: Path, units: list[UnitResult]) -> Path:
    """汇总.xlsx: one row per input, and every problem with its cell on a second sheet."""
    # write_only streams rows: a thousand units with their problems stay a few MB, written in well under a second.
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("汇总")
    issues = wb.create_sheet("问题")
    for sheet, headers, widths in ((ws, SUMMARY_HEADERS, (40, 30, 8, 8, 10, 8, 8, 60, 80)),
                                   (issues, PROBLEM_HEADERS, (40, 14, 10, 8, 100))):
        for c, width in enumerate(widths):
            sheet.column_dimensions[chr(65 + c)].width = width
        sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    ws.append([_bold(ws, h, bold) for h in SUMMARY_HEADERS])
    issues.append([_bold(issues, h, bold) for h in PROBLEM_HEADERS])
    n_problems = 0
    for u in units:
        score = _cell(ws, u.score, "0.00") if u.score is not None else None
        ws.append([str(u.input), u.unit, u.year, u.status, score, u.grade, len(u.problems),
                   "、".join(u.outputs) or None, "；".join(filter(None, [u.reason, u.note])) or None])
        for p in u.problems:
            issues.append([str(u.input), p.sheet or None, p.cell or None, p.severity.value, p.message])
            n_problems += 1
    ws.auto_filter.ref = f"A1:I{len(units) + 1}"
    issues.auto_filter.ref = f"A1:E{n_problems + 1}"
    buf = io.BytesIO()
    wb.save(buf)
    return write_atomic(path, buf.getvalue(), force=True)


def _bold(sheet, value, font):
    cell = WriteOnlyCell(sheet, value)
    cell.font = font
    return cell


def _cell(sheet, value, number_format: str):
    cell = WriteOnlyCell(sheet, value)
    cell.number_format = number_format
    return cell


def write_zip(out_dir: Path, units: list[UnitResult], summary: Path) -> Path:
    """Every output and the summary in DIR/<DIR name>.zip, to send back in one piece."""
    names = [n for u in units for n in u.outputs] + [summary.name]

    def fill(fh):
        # .docx, .pdf and .xlsx are compressed already: stored, not deflated again.
        with zipfile.ZipFile(fh, "w", zipfile.ZIP_STORED) as z:
            for name in names:
                z.write(out_dir / name, name)
    return write_atomic_with(out_dir / zip_name(out_dir), fill, force=True)


def duplicate_groups(units: list[UnitResult]) -> dict[str, list[UnitResult]]:
    """Output names asked for by more than one input (each got its own file)."""
    groups: dict[str, list[UnitResult]] = {}
    for u in units:
        if u.base:
            groups.setdefault(u.base, []).append(u)
    return {b: us for b, us in groups.items() if len(us) > 1}


def note_duplicates(units: list[UnitResult]) -> None:
    for group in duplicate_groups(units).values():
        for u in group:
            others = "、".join(str(o.input) for o in group if o is not u)
            u.note = "；".join(filter(None, [f"与 {others} 的报告同名", u.note]))
