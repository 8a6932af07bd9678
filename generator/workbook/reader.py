"""Read a workbook into row models, collecting every problem with its cell."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from pydantic import ValidationError

from generator.errors import Problem, Severity
from generator.workbook.convert import CellFault, Rounded, convert, shown, unwrap
from generator.workbook.figure_columns import RowFigures, figure_spec, read_figure
from generator.workbook.schema import SheetSpec
from generator.workbook.xlsx import Sheet, Workbook, cell_ref

IGNORED_SHEETS = {"填表说明"}
TITLE_ROWS = 10  # how far down a header pushed below a title row is looked for
_COPY = re.compile(r"(.+?)\s*[(（]\s*\d+\s*[)）]")  # 「文字 (2)」, 「文字（2）」: Excel's name for a copied sheet


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


def _matches(cells: dict[int, object], wanted: dict[str, str]) -> int:
    return len({wanted[h] for h in (normal_header(v) for v in cells.values() if isinstance(v, str)) if h in wanted})


def _header_below(sheet: Sheet, spec: SheetSpec, wanted: dict[str, str]) -> Problem | None:
    """A title row above the header: say so, and where the header is, instead of listing unknown columns."""
    if _matches(sheet.row(1), wanted) * 2 >= len(wanted):
        return None
    for r in range(2, TITLE_ROWS + 1):
        if _matches(sheet.row(r), wanted) * 2 >= len(wanted):
            # a title merged across the row fills every cell of it: name each text once
            first = " ".join(dict.fromkeys(shown(v) for _, v in sorted(sheet.row(1).items())))[:40] or "空行"
            return Problem(spec.name, "A1", f"表头必须在第 1 行，实际第 1 行是“{first}”；第 {r} 行看起来是表头，"
                                            f"请删除其上方的 {r - 1} 行（标题写在报告里，不写在数据表中）")
    return None


def _map_headers(sheet: Sheet, spec: SheetSpec, problems: list[Problem]) -> dict[str, int] | None:
    wanted = {normal_header(h): name for h, name in spec.columns()}
    moved = _header_below(sheet, spec, wanted)
    if moved is not None:
        problems.append(moved)
        return None
    header = sheet.row(1)
    if not header:
        problems.append(Problem(spec.name, "A1", "第 1 行应为表头，实际为空行"))
        return None
    found: dict[str, int] = {}
    for c, raw in sorted(header.items()):
        name = wanted.get(normal_header(raw))
        if name is None:
            expect = "、".join(h for h, _ in spec.columns())
            problems.append(Problem(spec.name, cell_ref(1, c), f"未知的列“{shown(raw)}”；本表的列应为：{expect}"))
        elif name in found:
            problems.append(Problem(spec.name, cell_ref(1, c), f"列“{shown(raw)}”重复出现"))
        else:
            found[name] = c
    missing = [h for h, n in spec.columns() if n not in found and spec.model.model_fields[n].is_required()]
    for header_text in missing:
        problems.append(Problem(spec.name, "A1", f"缺少必填的列“{header_text}”"))
    return None if missing else found


def _convert_cell(spec: SheetSpec, name: str, raw, place: str, values: dict, figures: RowFigures,
                  problems: list[Problem]) -> bool:
    """Put one cell's value into `values` (its figure into `figures`); False when it cannot be read."""
    info = spec.model.model_fields[name]
    try:
        if figure_spec(info):
            values[name], figure = read_figure(raw, info)
            if figure is not None:
                figures.figures[name] = figure
        else:
            values[name] = convert(raw, info.annotation, (info.json_schema_extra or {}).get("number", False))
    except Rounded as w:
        values[name] = w.value
        problems.append(Problem(spec.name, place, str(w), Severity.WARNING))
    except CellFault as exc:
        problems.append(Problem(spec.name, place, str(exc)))
        return False
    if values[name] == "" and not unwrap(info.annotation)[1]:
        problems.append(Problem(spec.name, place, f"“{info.alias or name}”为必填项，实际为空白"))
        return False
    return True


def _read_row(spec: SheetSpec, r: int, cells: dict[int, object], cols: dict[str, int],
              problems: list[Problem]):
    values, ok = {}, True
    places = {name: cell_ref(r, c) for name, c in cols.items()}
    figures = RowFigures(spec.name, spec.model, values, places)
    for name, c in cols.items():
        info = spec.model.model_fields[name]
        raw = cells.get(c)
        if raw is None:
            if info.is_required():
                header = info.alias or name
                problems.append(Problem(spec.name, places[name], f"“{header}”为必填项，实际为空（金额为零请填 0）"))
                ok = False
            continue
        ok &= _convert_cell(spec, name, raw, places[name], values, figures, problems)
    ok &= figures.settle()
    problems += figures.problems
    if not ok:
        return None
    try:
        model = spec.model.model_validate(values)
    except ValidationError as exc:
        for err in exc.errors():
            name = str(err["loc"][0]) if err["loc"] else ""
            place = places.get(name, f"A{r}")
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


def _copy_of(name: str) -> str | None:
    m = _COPY.fullmatch(name)
    return m.group(1) if m else None


def choose_sheet(wb: Workbook, name: str) -> tuple[Sheet | None, list[Problem]]:
    """The sheet to read as `name`: the visible one of that name; else a visible copy ("NAME (2)")
    over a hidden NAME; else the hidden NAME. Any other choice than the first is said."""
    exact = wb.sheets.get(name)
    copies = [s for s in wb.sheets.values() if not s.hidden and _copy_of(s.name) == name]
    if exact is not None and not exact.hidden:
        return exact, [Problem(c.name, "", f"是“{name}”的副本，未读取；读取的是“{name}”", Severity.WARNING) for c in copies]
    if len(copies) > 1:
        names = "、".join(f"“{c.name}”" for c in copies)
        return None, [Problem("", "", f"工作表“{name}”有多个可见的副本（{names}），不知道该读哪一个；请只保留一个并命名为“{name}”")]
    if copies:
        why = f"隐藏的工作表“{name}”未读取；" if exact is not None else ""
        return copies[0], [Problem(copies[0].name, "", f"{why}按“{name}”读取了可见的工作表“{copies[0].name}”；"
                                                       f"请确认后把它改名为“{name}”", Severity.WARNING)]
    if exact is not None:
        return exact, [Problem(name, "", "这是隐藏的工作表，已读取；请确认它是要用的数据（在 Excel 中右键工作表标签→取消隐藏）",
                               Severity.WARNING)]
    return None, []


def read_sheets(wb: Workbook, specs: tuple[SheetSpec, ...]) -> ReadResult:
    problems: list[Problem] = []
    sheets: dict[str, SheetResult] = {}
    accounted = set(IGNORED_SHEETS)
    for spec in specs:
        sheet, said = choose_sheet(wb, spec.name)
        problems += said
        accounted |= {spec.name} | {s.name for s in wb.sheets.values() if _copy_of(s.name) == spec.name}
        if sheet is None:
            if not said:
                problems.append(Problem("", "", f"缺少工作表“{spec.name}”（{spec.description}）"))
            sheets[spec.name] = SheetResult(failed=True)
            continue
        # a copy read in its place is named as itself in every problem and every row's cell()
        sheets[spec.name] = read_sheet(sheet, replace(spec, name=sheet.name), problems)
    for name in wb.sheets:
        if name not in accounted:
            problems.append(Problem(name, "", "未知的工作表，内容不会写入报告", Severity.WARNING))
    return ReadResult(wb, sheets, problems)
