"""Read the cells of an .xlsx file straight from its XML, with their addresses.

Why not openpyxl here: openpyxl turns every number into a float before we see
it (so 9406684.09 arrives as a binary approximation), cannot tell a formula with
no cached value from an empty cell when asked for values, and was measured about
three times slower over the samples (bench/bench_batch.py). The XML holds the number exactly as Excel wrote
it, so it goes into Decimal with no float in between.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from xml.etree import ElementTree as ET

from openpyxl.styles.numbers import is_date_format
from openpyxl.utils.datetime import from_excel

from generator.errors import UnreadableWorkbook

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# Built-in number formats that are dates, including the CJK-locale ids 27-36 and 50-58.
DATE_FORMAT_IDS = set(range(14, 23)) | set(range(27, 37)) | set(range(45, 48)) | set(range(50, 59))
_ESCAPED_CHAR = re.compile(r"_x([0-9A-Fa-f]{4})_")


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


@dataclass
class Sheet:
    name: str
    cells: dict[tuple[int, int], object] = field(default_factory=dict)

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


def column_letter(col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    return f"{column_letter(col)}{row}"


def _split_ref(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    if not m:
        raise ValueError(ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def unescape(text: str) -> str:
    """Excel writes control characters as _xHHHH_; give them back as characters."""
    return _ESCAPED_CHAR.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _text_of(si: ET.Element) -> str:
    # Rich text has several <r><t>; phonetic guides (<rPh>) are not part of the value.
    parts = [si.findtext(NS + "t") or ""]
    parts += [r.findtext(NS + "t") or "" for r in si.findall(NS + "r")]
    return unescape("".join(parts))


def _shared_strings(z: zipfile.ZipFile, names: set[str]) -> list[str]:
    path = "xl/sharedStrings.xml"
    if path not in names:
        return []
    root = ET.fromstring(z.read(path))
    return [_text_of(si) for si in root.findall(NS + "si")]


def _date_styles(z: zipfile.ZipFile, names: set[str]) -> set[int]:
    path = "xl/styles.xml"
    if path not in names:
        return set()
    root = ET.fromstring(z.read(path))
    custom = {}
    fmts = root.find(NS + "numFmts")
    if fmts is not None:
        for f in fmts.findall(NS + "numFmt"):
            custom[int(f.get("numFmtId"))] = f.get("formatCode", "")
    xfs = root.find(NS + "cellXfs")
    dated = set()
    if xfs is not None:
        for i, xf in enumerate(xfs.findall(NS + "xf")):
            fid = int(xf.get("numFmtId", "0"))
            if fid in DATE_FORMAT_IDS or (fid in custom and is_date_format(custom[fid])):
                dated.add(i)
    return dated


def _sheet_paths(z: zipfile.ZipFile) -> tuple[list[tuple[str, str]], bool]:
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    pr = wb.find(NS + "workbookPr")
    date1904 = pr is not None and pr.get("date1904") in ("1", "true")
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.findall(PKG_REL_NS + "Relationship")}
    out = []
    for s in wb.find(NS + "sheets").findall(NS + "sheet"):
        target = targets.get(s.get(REL_NS + "id"), "")
        target = target.lstrip("/")
        if not target.startswith("xl/"):
            target = "xl/" + target
        out.append((s.get("name"), target))
    return out, date1904


def _number(text: str) -> Decimal:
    """The number Excel shows: at most 15 significant digits.

    Programs that write floats (openpyxl among them) store 83.74 as 83.73999999999999; Excel
    itself never shows more than 15 digits, so neither do we."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        return Decimal("NaN")
    digits = number.as_tuple().digits
    if len(digits) > 15 and number.is_finite():
        shift = number.adjusted() - 14
        number = number.quantize(Decimal(1).scaleb(shift), rounding=ROUND_HALF_UP).normalize()
        if number.as_tuple().exponent > 0:
            number = number.quantize(Decimal(1))
    return number


def _convert(c: ET.Element, strings: list[str], dated: set[int], date1904: bool):
    t = c.get("t", "n")
    v = c.find(NS + "v")
    f = c.find(NS + "f")
    if t == "inlineStr":
        is_ = c.find(NS + "is")
        return _text_of(is_) if is_ is not None else ""
    if v is None or v.text is None:
        if f is not None:
            return FormulaWithoutValue(f.text or "")
        return None
    text = v.text
    if t == "s":
        return strings[int(text)]
    if t in ("str",):
        return unescape(text)
    if t == "b":
        return text.strip() in ("1", "true")
    if t == "e":
        return ErrorValue(text)
    if t == "d":
        return datetime.fromisoformat(text)
    num = _number(text)
    if int(c.get("s", "0")) in dated and num.is_finite():
        epoch = datetime(1904, 1, 1) if date1904 else None
        value = from_excel(float(num), epoch) if epoch else from_excel(float(num))
        return value
    return num


def read_xlsx(path: str | Path, content: bytes | None = None) -> Workbook:
    """Every non-empty cell of every sheet, keyed by (row, column), values typed.

    `content`, when given, is the file's bytes already read (the batch hashes them); `path` then
    only names the workbook in messages."""
    try:
        z = zipfile.ZipFile(io.BytesIO(content) if content is not None else path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableWorkbook(f"{path}: 不是可读取的 Excel 工作簿（.xlsx）：{exc}") from None
    with z:
        names = set(z.namelist())
        if "xl/workbook.xml" not in names:
            raise UnreadableWorkbook(f"{path}: 不是 .xlsx 工作簿（缺少 xl/workbook.xml），请用 Excel 另存为 .xlsx")
        try:
            strings = _shared_strings(z, names)
            dated = _date_styles(z, names)
            sheet_paths, date1904 = _sheet_paths(z)
            sheets = {}
            for name, target in sheet_paths:
                if target not in names:
                    continue
                sheets[name] = _read_sheet(z, name, target, strings, dated, date1904)
        # A damaged file can fail anywhere in the XML; each of these means the same to the user.
        except (ET.ParseError, KeyError, IndexError, ValueError, TypeError, AttributeError, OverflowError,
                EOFError, OSError, zipfile.BadZipFile, zlib.error) as exc:
            raise UnreadableWorkbook(f"{path}: 工作簿内容已损坏，无法读取（{type(exc).__name__}: {exc}）；"
                                     f"请用 Excel 或 WPS 打开后另存为 .xlsx 再试") from None
    return Workbook(str(path), sheets)


def _read_sheet(z, name, target, strings, dated, date1904) -> Sheet:
    sheet = Sheet(name)
    row_no = 0
    with z.open(target) as fh:
        for _, el in ET.iterparse(fh, events=("end",)):
            if el.tag == NS + "row":
                el.clear()
                continue
            if el.tag != NS + "c":
                continue
            ref = el.get("r")
            if ref:
                r, c = _split_ref(ref)
            else:  # some writers omit r; cells then follow one another
                r, c = row_no or 1, (max((cc for rr, cc in sheet.cells if rr == row_no), default=0) + 1)
            row_no = r
            value = _convert(el, strings, dated, date1904)
            if value is not None and value != "":
                sheet.cells[(r, c)] = value
    return sheet


def as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None
