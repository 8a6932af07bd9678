"""Read the cells of an .xlsx file straight from its XML, with their addresses.

Why not openpyxl here: openpyxl turns every number into a float before we see
it (so 9406684.09 arrives as a binary approximation), cannot tell a formula with
no cached value from an empty cell when asked for values, has no cap on what a part may
unpack to, and was measured slower on the samples (bench/bench_reader.py, CHANGELOG). The XML holds the
number exactly as Excel wrote it, so it goes into Decimal with no float in between.

Read as Excel, WPS and LibreOffice write it: transitional and Strict Open XML namespaces,
parts found through their relationships, cells and rows without an `r` address placed by
order, merged ranges filled with their value, hidden sheets marked. A value that does not fit
its cell's format becomes a `BadCell` named at its cell; only a broken package is an
UnreadableWorkbook. Every part is read streaming, under the caps of `package.Limits`.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from pathlib import Path
from xml.etree import ElementTree as ET

from openpyxl.utils.datetime import from_excel

from generator.errors import UnreadableWorkbook
from generator.workbook.package import DEFAULT_LIMITS, Budget, Limits, TooLarge, open_package, stream
from generator.workbook.styles import Shown, style_kinds

# A sheet's relationship id, in the transitional and the Strict namespace.
REL_ID = tuple("{%s}id" % ns for ns in ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                                         "http://purl.oclc.org/ooxml/officeDocument/relationships"))
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_ESCAPED_CHAR = re.compile(r"_x([0-9A-Fa-f]{4})_")
_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d{1,7})")
# Excel shows at most 15 significant digits; the context only rounds, it never raises.
_EXCEL_DIGITS = Context(prec=15, rounding=ROUND_HALF_UP, Emax=999_999, Emin=-999_999, traps=[])
_WIDE = Context(prec=60, traps=[])
LAST_SERIAL_DATE = 2_958_465  # 9999-12-31


class FormulaWithoutValue:
    """A formula cell that Excel never calculated (written by a program, not saved in Excel)."""

    def __init__(self, formula: str):
        self.formula = formula

    def __repr__(self) -> str:
        return f"FormulaWithoutValue({self.formula!r})"


@dataclass(frozen=True)
class ErrorValue:
    """An Excel error such as #DIV/0! or #REF!."""

    code: str


@dataclass(frozen=True)
class Percent:
    """A number in a percent-formatted cell: Excel stores 95% as 0.95 (`value`) and shows 95%."""

    value: Decimal

    @property
    def percentage(self) -> Decimal:
        """The figure the user sees before the % sign: 0.95 → 95."""
        return plain(self.value.scaleb(2))


@dataclass(frozen=True)
class BadCell:
    """A cell whose stored value cannot be what its type or format says; `message` says why."""

    message: str


@dataclass
class Sheet:
    name: str
    cells: dict[tuple[int, int], object] = field(default_factory=dict)
    hidden: bool = False  # state="hidden" or "veryHidden" in workbook.xml
    merged: list[str] = field(default_factory=list)  # ranges such as "A2:A5"

    def row(self, r: int) -> dict[int, object]:
        return {c: v for (rr, c), v in self.cells.items() if rr == r}

    def rows(self) -> dict[int, dict[int, object]]:
        out: dict[int, dict[int, object]] = {}
        for (r, c), v in self.cells.items():
            out.setdefault(r, {})[c] = v
        return dict(sorted(out.items()))


@dataclass
class Workbook:
    path: str
    sheets: dict[str, Sheet]


class Refused(Exception):
    """The workbook holds something past our limits or cannot be placed; read_xlsx names the file."""


def column_letter(col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    return f"{column_letter(col)}{row}"


def split_ref(ref: str) -> tuple[int, int] | None:
    """(row, column) of "B7" or "$B$7"; None for anything else."""
    m = _REF.fullmatch(ref.strip())
    if not m or int(m.group(2)) < 1:
        return None
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def plain(number: Decimal) -> Decimal:
    """The number without trailing zeros or exponent (95.00 → 95, 1.5E+3 → 1500); −0 → 0."""
    if number.is_zero():
        return Decimal(0)
    if not number.is_finite():
        return number
    number = number.normalize(_WIDE)
    return number.quantize(1, context=_WIDE) if number.as_tuple().exponent > 0 and number.adjusted() < 50 else number


def unescape(text: str) -> str:
    """Excel writes control characters as _xHHHH_; give them back as characters."""
    return _ESCAPED_CHAR.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _text_of(si: ET.Element) -> str:
    """The text of an <si> or <is>: its <t>, or the <t> of each rich-text run <r>.
    Phonetic guides (<rPh>) are not part of the value."""
    ns = si.tag[:si.tag.index("}") + 1] if si.tag.startswith("{") else ""
    parts = [si.findtext(ns + "t") or ""]
    parts += [r.findtext(ns + "t") or "" for r in si.findall(ns + "r")]
    return unescape("".join(parts))


def _shared_strings(z, path: str | None, budget: Budget) -> list[str]:
    if path is None:
        return []
    strings, seen = [], {}
    with budget.open(z, path) as fh:
        for el, name, _, _ in stream(fh):
            if name == "si":
                text = _text_of(el)
                strings.append(seen.setdefault(text, text))  # one object per distinct text
                if len(strings) > budget.limits.strings:
                    raise Refused(f"工作簿过大：共享文字超过 {budget.limits.strings} 条（上限）")
    return strings


def _rels(z, part: str, names: set[str], budget: Budget) -> list[tuple[str, str, str]]:
    """(id, type, target path in the zip) of each relationship of `part`."""
    folder, base = posixpath.split(part)
    rels_path = posixpath.join(folder, "_rels", base + ".rels")
    if rels_path not in names:
        return []
    out = []
    with budget.open(z, rels_path) as fh:
        for r, _, _, _ in stream(fh):
            if r.tag != PKG_REL_NS + "Relationship":
                continue
            target = r.get("Target") or ""
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out.append((r.get("Id") or "", r.get("Type") or "", target))
    return out


@dataclass
class _Parts:
    strings: str | None
    styles: str | None
    sheets: list[tuple[str, str, bool]] = field(default_factory=list)  # name, part, hidden
    date1904: bool = False


def _parts(z, names: set[str], budget: Budget) -> _Parts:
    """Where the shared strings, styles and sheets are, found through the relationships as Excel does."""
    office = [t for _, kind, t in _rels(z, "", names, budget) if kind.endswith("/officeDocument")]
    wb_path = next((t for t in office if t in names), "xl/workbook.xml")
    if wb_path not in names:
        raise Refused(f"缺少工作簿主体（{wb_path}），工作簿已损坏；请用 Excel 或 WPS 打开后另存为 .xlsx 再试")
    rels = _rels(z, wb_path, names, budget)
    by_id = {rid: t for rid, _, t in rels}
    of_type = lambda suffix: next((t for _, k, t in rels if k.endswith(suffix) and t in names), None)  # noqa: E731
    parts = _Parts(of_type("/sharedStrings"), of_type("/styles"))
    with budget.open(z, wb_path) as fh:
        for el, name, _, parent_name in stream(fh):
            if name == "workbookPr":
                parts.date1904 = el.get("date1904") in ("1", "true")
            elif name == "sheet" and parent_name == "sheets":
                rid = next((el.get(a) for a in REL_ID if el.get(a)), "")
                hidden = el.get("state") in ("hidden", "veryHidden")
                parts.sheets.append((el.get("name") or "", by_id.get(rid, ""), hidden))
    return parts


def _number(text: str) -> Decimal:
    """The number Excel shows: at most 15 significant digits; NaN when the text is no number.

    Programs that write floats (openpyxl among them) store 83.74 as 83.73999999999999; Excel
    itself never shows more than 15 digits, so neither do we. Any width is read without error."""
    try:
        number = Decimal(text.strip())
    except (InvalidOperation, ValueError):
        return Decimal("NaN")
    if not number.is_finite():  # NaN, sNaN, Infinity: no number Excel can hold
        return Decimal("NaN")
    if number.is_zero():
        return Decimal(0)
    if number.adjusted() > 308:  # past the largest number Excel can store
        return Decimal("NaN")
    if number.adjusted() < -330:  # below the smallest: Excel stores 0
        return Decimal(0)
    if len(number.as_tuple().digits) > 15:
        number = plain(_EXCEL_DIGITS.plus(number))
    return number


def _as_date(num: Decimal, date1904: bool):
    if not 0 <= num <= LAST_SERIAL_DATE:
        return BadCell(f"单元格设为日期格式，但其中的数值 {num} 不是有效日期；请把单元格格式改为“常规”或“数值”，或重新输入日期")
    return from_excel(float(num), datetime(1904, 1, 1)) if date1904 else from_excel(float(num))


def _typed(t: str, text: str, strings: list[str]):
    """The value of a cell of type `t` other than a number."""
    if t == "s":
        try:
            return strings[int(text)]
        except (ValueError, IndexError):
            return BadCell(f"单元格引用的共享文字（编号 {text.strip()[:20]}）不存在，工作簿可能已损坏；请在 Excel/WPS 中重新输入该单元格")
    if t == "str":
        return unescape(text)
    if t == "b":
        flag = text.strip().lower()
        return flag in ("1", "true") if flag in ("1", "true", "0", "false") else BadCell(f"逻辑值“{text[:20]}”无效")
    if t == "e":
        return ErrorValue(text)
    if t == "d":
        try:
            return datetime.fromisoformat(text.strip())
        except ValueError:
            return BadCell(f"日期单元格的值“{text[:30]}”不是有效日期；请重新输入日期")
    return BadCell(f"未知的单元格类型 t=\"{t[:10]}\"；请在 Excel/WPS 中重新输入该单元格")


def _convert(c: ET.Element, strings: list[str], shown: dict[int, Shown], date1904: bool):
    t = c.get("t", "n")
    ns = c.tag[:-1]  # "{namespace}" of this <c>: its children share it
    v, f = c.find(ns + "v"), c.find(ns + "f")
    if t == "inlineStr":
        is_ = c.find(ns + "is")
        return _text_of(is_) if is_ is not None else ""
    if v is None or v.text is None:
        return FormulaWithoutValue(f.text or "") if f is not None else None
    if t != "n":
        return _typed(t, v.text, strings)
    num = _number(v.text)
    try:
        kind = shown.get(int(c.get("s", "0")), Shown.NUMBER)
    except ValueError:
        kind = Shown.NUMBER
    if not num.is_finite():
        return num
    if kind is Shown.DATE:
        return _as_date(num, date1904)
    return Percent(num) if kind is Shown.PERCENT else num


def _styles(z, path: str | None, budget: Budget) -> dict[int, Shown]:
    if path is None:
        return {}
    with budget.open(z, path) as fh:
        return style_kinds(stream(fh))


def read_xlsx(path: str | Path, content: bytes | None = None, limits: Limits = DEFAULT_LIMITS) -> Workbook:
    """Every non-empty cell of every sheet, keyed by (row, column), values typed.

    `content`, when given, is the file's bytes already read (the batch hashes them); `path` then
    only names the workbook in messages. Raises UnreadableWorkbook only, saying what to do."""
    z = open_package(path, content, limits)
    budget = Budget(limits)
    with z:
        names = set(z.namelist())
        try:
            parts = _parts(z, names, budget)
            strings = _shared_strings(z, parts.strings, budget)
            shown = _styles(z, parts.styles, budget)
            sheets = {}
            for name, target, hidden in parts.sheets:
                if target in names:
                    sheet = _read_sheet(z, Sheet(name, hidden=hidden), target, strings, shown, parts.date1904,
                                        budget)
                    fill_merged(sheet, limits)
                    sheets[name] = sheet
        except (Refused, TooLarge) as exc:
            raise UnreadableWorkbook(f"{path}: 无法读取：{exc}") from None
        # A damaged file can fail anywhere in the XML; each of these means the same to the user.
        except (ET.ParseError, KeyError, IndexError, ValueError, TypeError, AttributeError, OverflowError,
                EOFError, OSError, zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError) as exc:
            raise UnreadableWorkbook(f"{path}: 工作簿内容已损坏，无法读取（{type(exc).__name__}: {exc}）；"
                                     f"请用 Excel 或 WPS 打开后另存为 .xlsx 再试") from None
    return Workbook(str(path), sheets)


class _Order:
    """Where a cell without `r` goes: after the previous cell of its row; a row without `r` follows the previous row."""

    def __init__(self):
        self.row_el, self.row, self.col = None, 0, 0

    def enter(self, row_el: ET.Element) -> None:
        if row_el is not self.row_el:
            given = row_el.get("r") or ""
            self.row_el, self.col = row_el, 0
            self.row = int(given) if given.isdecimal() and 0 < len(given) < 8 and int(given) > 0 else self.row + 1

    def place(self, c: ET.Element) -> tuple[int, int]:
        given = split_ref(c.get("r") or "")
        r, col = given if given is not None else (max(self.row, 1), self.col + 1)
        self.row, self.col = r, col
        return r, col


def _read_sheet(z, sheet: Sheet, target: str, strings, shown, date1904, budget: Budget) -> Sheet:
    """The sheet's cells, each at its address or, without one, by order."""
    order, limits = _Order(), budget.limits
    with budget.open(z, target) as fh:
        for el, name, parent, parent_name in stream(fh):
            if name == "row":
                order.enter(el)
            elif name == "mergeCell":
                sheet.merged.append(el.get("ref") or "")
                if len(sheet.merged) > limits.merged_cells:  # each range fills a cell at least
                    raise Refused(f"工作表“{sheet.name}”的合并单元格过多（超过 {limits.merged_cells} 个区域），请取消合并后另存")
            if name != "c":
                continue
            if parent_name == "row":
                order.enter(parent)
            r, c = order.place(el)
            value = _convert(el, strings, shown, date1904)
            if value is not None and value != "":
                if r > limits.rows or c > limits.columns:
                    raise Refused(f"工作表“{sheet.name}”的单元格 {cell_ref(r, c)} 超出可读取的范围"
                                  f"（最多 {limits.rows} 行、{limits.columns} 列，见 README“输入限制”）")
                sheet.cells[(r, c)] = value
    return sheet


def fill_merged(sheet: Sheet, limits: Limits = DEFAULT_LIMITS) -> None:
    """Each merged range shows its first cell's value in all its cells; read it so (within the data)."""
    if not sheet.merged or not sheet.cells:
        return
    last_row = max(r for r, _ in sheet.cells)
    last_col = max(c for _, c in sheet.cells)
    filled = 0
    for ref in sheet.merged:
        first, _, last = ref.partition(":")
        a, b = split_ref(first), split_ref(last or first)
        if a is None or b is None or (a[0], a[1]) not in sheet.cells:
            continue
        rows, cols = range(a[0], min(b[0], last_row) + 1), range(a[1], min(b[1], last_col) + 1)
        filled += len(rows) * len(cols)
        if filled > limits.merged_cells:  # counted before filling: a huge range is never built
            raise Refused(f"工作表“{sheet.name}”的合并单元格过大（{ref}），请取消合并后另存")
        value = sheet.cells[a]
        for r in rows:
            for c in cols:
                sheet.cells[(r, c)] = value


def as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None
