"""Read a workbook into row models, collecting every problem with its cell."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import ValidationError

from generator.workbook.convert import CellFault, Rounded, convert, unwrap
from generator.errors import Problem, Severity
from generator.workbook.schema import SheetSpec
from generator.workbook.xlsx import Sheet, Workbook, cell_ref

IGNORED_SHEETS = {"填表说明"}


def normal_header(text) -> str:
    """Headers as people type them: spaces inside (「姓  名」) and half-width brackets are fine."""
    text = str(text)
    text = re.sub(r"\s+", "", text)
    return text.replace("(", "（").replace(")", "）")


@dataclass
class SheetResult:
    rows: list = field(default_factory=list)
    failed: bool = False  # some cell could not be read: rules over this sheet would mislead


@dataclass
class ReadResult:
    workbook: Workbook | None
    sheets: dict[str, SheetResult]
    problems: list[Problem]

    def rows(self, name: str) -> list:
        return self.sheets[name].rows if name in self.sheets else []

    @property
    def failed_sheets(self) -> set[str]:
        return {n for n, r in self.sheets.items() if r.failed}


def _map_headers(sheet: Sheet, spec: SheetSpec, problems: list[Problem]) -> dict[str, int] | None:
    header = sheet.row(1)
    if not header:
        problems.append(Problem(spec.name, "A1", "第 1 行应为表头，实际为空行"))
        return None
    wanted = {normal_header(h): name for h, name in spec.columns()}
    found: dict[str, int] = {}
    for c, raw in sorted(header.items()):
        name = wanted.get(normal_header(raw))
        if name is None:
            expect = "、".join(h for h, _ in spec.columns())
            problems.append(Problem(spec.name, cell_ref(1, c), f"未知的列“{raw}”；本表的列应为：{expect}"))
        elif name in found:
            problems.append(Problem(spec.name, cell_ref(1, c), f"列“{raw}”重复出现"))
        else:
            found[name] = c
    missing = [h for h, n in spec.columns() if n not in found and spec.model.model_fields[n].is_required()]
    for header_text in missing:
        problems.append(Problem(spec.name, "A1", f"缺少必填的列“{header_text}”"))
    return None if missing else found


def _read_row(spec: SheetSpec, r: int, cells: dict[int, object], cols: dict[str, int],
              problems: list[Problem]):
    values, ok = {}, True
    for name, c in cols.items():
        info = spec.model.model_fields[name]
        raw = cells.get(c)
        place = cell_ref(r, c)
        if raw is None:
            if info.is_required():
                header = info.alias or name
                problems.append(Problem(spec.name, place, f"“{header}”为必填项，实际为空（金额为零请填 0）"))
                ok = False
            continue
        try:
            values[name] = convert(raw, info.annotation, (info.json_schema_extra or {}).get("number", False))
        except Rounded as w:
            values[name] = w.value
            problems.append(Problem(spec.name, place, str(w), Severity.WARNING))
        except CellFault as exc:
            problems.append(Problem(spec.name, place, str(exc)))
            ok = False
        if name in values and values[name] == "" and not unwrap(info.annotation)[1]:
            problems.append(Problem(spec.name, place, f"“{info.alias or name}”为必填项，实际为空白"))
            ok = False
    if not ok:
        return None
    try:
        model = spec.model.model_validate(values)
    except ValidationError as exc:
        for err in exc.errors():
            name = str(err["loc"][0]) if err["loc"] else ""
            place = cell_ref(r, cols[name]) if name in cols else f"A{r}"
            problems.append(Problem(spec.name, place, f"不符合要求：{err['msg']}"))
        return None
    model._sheet, model._row, model._cols = spec.name, r, dict(cols)
    return model


def read_sheet(sheet: Sheet, spec: SheetSpec, problems: list[Problem]) -> SheetResult:
    before = len([p for p in problems if p.is_error])
    cols = _map_headers(sheet, spec, problems)
    result = SheetResult()
    if cols is None:
        result.failed = True
        return result
    for r, cells in sheet.rows().items():
        if r == 1 or not any(c in cells for c in cols.values()):
            continue
        model = _read_row(spec, r, cells, cols, problems)
        if model is not None:
            result.rows.append(model)
    result.failed = len([p for p in problems if p.is_error]) > before
    n = len(result.rows)
    if not result.failed and n < spec.min_rows:
        problems.append(Problem(spec.name, "A2", f"至少应填 {spec.min_rows} 行数据，实际为 {n} 行"))
        result.failed = True
    if spec.max_rows is not None and n > spec.max_rows:
        problems.append(Problem(spec.name, "", f"只应填 {spec.max_rows} 行数据，实际为 {n} 行"))
        result.failed = True
    return result


def read_sheets(wb: Workbook, specs: tuple[SheetSpec, ...]) -> ReadResult:
    problems: list[Problem] = []
    sheets: dict[str, SheetResult] = {}
    known = {s.name for s in specs}
    for spec in specs:
        sheet = wb.sheets.get(spec.name)
        if sheet is None:
            problems.append(Problem("", "", f"缺少工作表“{spec.name}”（{spec.description}）"))
            sheets[spec.name] = SheetResult(failed=True)
            continue
        sheets[spec.name] = read_sheet(sheet, spec, problems)
    for name in wb.sheets:
        if name not in known and name not in IGNORED_SHEETS:
            problems.append(Problem(name, "", "未知的工作表，内容不会写入报告", Severity.WARNING))
    return ReadResult(wb, sheets, problems)
