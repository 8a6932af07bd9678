"""What a cell's number format says about its value: a date, a percentage, or a plain number.

Excel stores 2020-06-22 as 44004 and 95% as 0.95; only the cell's style (styles.xml cellXfs →
numFmtId → format code) tells them apart from plain numbers.
"""
from __future__ import annotations

import re
from enum import Enum
from openpyxl.styles.numbers import is_date_format


# Built-in number formats that are dates, including the CJK-locale ids 27-36 and 50-58.
DATE_FORMAT_IDS = set(range(14, 23)) | set(range(27, 37)) | set(range(45, 48)) | set(range(50, 59))
PERCENT_FORMAT_IDS = {9, 10}  # 0% and 0.00%
# Literal text in a format code: "quoted", \x escaped, [colour or locale], _x padding, *x fill.
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


class Shown(Enum):
    NUMBER = "number"
    DATE = "date"
    PERCENT = "percent"


def is_percent_format(code: str) -> bool:
    """A format code that multiplies by 100 and shows %: a % outside quoted or escaped text."""
    return "%" in _LITERALS.sub("", code)


def _kind_of(fid: int, custom: dict[int, str]) -> Shown:
    code = custom.get(fid)
    if fid in PERCENT_FORMAT_IDS or (code is not None and is_percent_format(code)):
        return Shown.PERCENT
    if fid in DATE_FORMAT_IDS or (code is not None and is_date_format(code)):
        return Shown.DATE
    return Shown.NUMBER


def style_kinds(elements) -> dict[int, Shown]:
    """Style index (a cell's s="…") → how it shows numbers, from styles.xml's `package.stream`;
    plain-number styles are left out."""
    custom: dict[int, str] = {}
    kinds: dict[int, Shown] = {}
    index = 0
    for el, name, _, parent_name in elements:
        if name == "numFmt":  # numFmts come before cellXfs in styles.xml
            try:
                custom[int(el.get("numFmtId", ""))] = el.get("formatCode", "")
            except ValueError:
                continue  # a numFmt without a usable id cannot be referred to
        elif name == "xf" and parent_name == "cellXfs":
            fid = el.get("numFmtId", "0")
            kind = _kind_of(int(fid), custom) if fid.isdigit() else Shown.NUMBER
            if kind is not Shown.NUMBER:
                kinds[index] = kind
            index += 1
    return kinds
