"""Turn one cell's raw value into the type its column declares, or say why not (in Chinese)."""
from __future__ import annotations

import re
import types
import typing
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from generator.workbook.xlsx import BadCell, ErrorValue, FormulaWithoutValue, Percent, as_date, plain

CENT = Decimal("0.01")
# No amount or figure of a budget comes near 10^15 (a thousand trillion); wider ones are refused at
# their cell, so every sum, ratio and rounding downstream stays within Decimal's 28 digits.
LIMIT = Decimal("1e15")
# What a Word document cannot hold: C0 controls other than tab and line breaks, C1 controls, lone
# surrogates (half of a character), and the non-characters U+FFFE and U+FFFF.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_MINUS = str.maketrans({"\u2212": "-", "\ufe63": "-", "\u2014": "-"})
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,4})?")
_GROUPED_NUMBER = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# A figure as typed in 指标值/完成值: an optional relation, a number, an optional % sign.
_FIGURE = re.compile(r"(?P<rel>>=|<=|=>|=<|[≥≤=><])?\s*(?P<num>[+-]?[\d.,\s]*\d[\d.,\s]*)\s*(?P<pct>%)?")
_RELATIONS = {">=": "≥", "=>": "≥", ">": "≥", "≥": "≥", "<=": "≤", "=<": "≤", "<": "≤", "≤": "≤", "=": "＝"}
_DATE_TEXT = re.compile(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*")
_SYMBOLS = {">=": "≥", "=>": "≥", "<=": "≤", "=<": "≤", "=": "＝", "＞＝": "≥", "＜＝": "≤"}


class CellFault(Exception):
    """The cell cannot be read as its column's type; the message says expected and found."""


class Rounded(Exception):
    """The value was read but changed (rounded): a warning that carries the value kept."""

    def __init__(self, value, message: str):
        super().__init__(message)
        self.value = value


def visible(text: str) -> str:
    """Text safe to print in a message: each character a document cannot hold shown as [U+XXXX]."""
    return _UNWRITABLE.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def shown(value) -> str:
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() and abs(value.adjusted()) < 30 else str(value)
    if isinstance(value, Percent):
        return f"{shown(value.percentage)}%"
    if isinstance(value, (date, datetime)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, ErrorValue):
        return value.code
    if isinstance(value, FormulaWithoutValue):
        return f"={visible(value.formula)}"
    if isinstance(value, BadCell):
        return "（无法读取的单元格）"
    return visible(str(value))


def unwrap(annotation):
    """(inner type, optional?) for Optional[X] / X | None."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0], True
    return annotation, False


def check_text(text: str) -> str:
    """The text with line breaks made \\n; CellFault naming the first character Word cannot hold."""
    m = _UNWRITABLE.search(text)
    if m:
        code = ord(m.group())
        what = ("不成对的代理字符（半个字符，多见于从网页或其他程序复制的文字）" if 0xD800 <= code <= 0xDFFF
                else "非字符" if code in (0xFFFE, 0xFFFF) else "不可见的控制字符")
        raise CellFault(f"含有{what} U+{code:04X}（第 {m.start() + 1} 个字符），Word 文档无法容纳，请删除后重试")
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def within_limit(number: Decimal) -> Decimal:
    """The number, −0 made 0; CellFault beyond what a budget can be (|x| ≥ 10^15)."""
    if not number.is_finite():
        raise CellFault("应为数字，实际为无效数字")
    if number.copy_abs() >= LIMIT:
        raise CellFault(f"数值 {shown(number)} 超出可处理的范围：绝对值应小于 10^15（1,000,000,000,000,000）")
    return number.copy_abs() if number.is_zero() else number


def parse_number(text: str) -> Decimal:
    """Typed text as a number: full-width digits (１２３．４５) and commas grouping thousands are fine;
    a comma anywhere else ("5,5") is refused rather than read as 55."""
    cleaned = unicodedata.normalize("NFKC", text).translate(_MINUS).strip()
    cleaned = re.sub(r"(?<=\d)\s+(?=\d)", ",", cleaned).replace(" ", "")
    if "," in cleaned:
        if not _GROUPED_NUMBER.fullmatch(cleaned):
            raise CellFault(f"数字“{visible(text.strip())}”中的逗号位置不对：千位分隔符应每三位一组（如 1,500,000.00），"
                            f"小数点请用“.”")
        cleaned = cleaned.replace(",", "")
    if not _PLAIN_NUMBER.fullmatch(cleaned):
        raise CellFault(f"应为数字，实际为文字“{visible(text.strip())}”")
    return within_limit(Decimal(cleaned))


def to_text(value) -> str:
    if isinstance(value, str):
        return check_text(value)
    if isinstance(value, Percent):  # as Excel shows it
        return shown(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise CellFault("应为文字，实际为无效数字")
        return shown(plain(value)) if value == value.to_integral() else shown(value)
    if isinstance(value, (date, datetime)):
        return value.strftime("%Y-%m-%d")
    raise CellFault(f"应为文字，实际为“{shown(value)}”")


def to_decimal(value) -> Decimal:
    """A number cell's value (a percent-formatted cell: the value Excel computes with, 95% → 0.95)."""
    if isinstance(value, Percent):
        value = value.value
    if isinstance(value, Decimal):
        return within_limit(value)
    if isinstance(value, str):
        return parse_number(check_text(value))
    if isinstance(value, (date, datetime)):
        raise CellFault(f"应为数字，实际为日期“{shown(value)}”（单元格设成了日期格式？请把格式改为“数值”后重新输入）")
    raise CellFault(f"应为数字，实际为“{shown(value)}”")


@dataclass(frozen=True)
class Figure:
    """A 指标值 or 完成值 as typed: 95, "95%", "≥95%", or a percent-formatted 0.95.

    `number` is what is written before any % (95 for 95%, also for a percent cell holding 0.95)."""

    number: Decimal
    relation: str | None = None  # ≥, ≤ or ＝ typed before the number
    percent: bool = False  # typed with %, or in a percent-formatted cell


def check_special(value) -> None:
    """What no column can hold, said in Excel's terms: an unreadable cell, a formula never calculated,
    an error value, TRUE or FALSE."""
    if isinstance(value, BadCell):
        raise CellFault(value.message)
    if isinstance(value, FormulaWithoutValue):
        raise CellFault(f"公式 ={value.formula} 没有计算结果，请在 Excel 中打开并保存后重试")
    if isinstance(value, ErrorValue):
        raise CellFault(f"单元格是 Excel 错误值 {value.code}，应为有效数据")
    if isinstance(value, bool):
        raise CellFault(f"应为数据，实际为逻辑值 {'TRUE' if value else 'FALSE'}")


def to_figure(value) -> Figure | None:
    """The figure in a cell; None for words (a 定性 target such as 有效提升); CellFault for a
    number typed wrongly ("5,5")."""
    check_special(value)
    if isinstance(value, Percent):
        return Figure(within_limit(value.percentage), None, True)
    if isinstance(value, Decimal):
        return Figure(within_limit(value))
    if not isinstance(value, str):
        to_decimal(value)  # raises, saying what the cell holds
    text = unicodedata.normalize("NFKC", check_text(value)).translate(_MINUS)
    m = _FIGURE.fullmatch(text.strip())
    if m is None:
        return None
    relation = _RELATIONS[m.group("rel")] if m.group("rel") else None
    return Figure(parse_number(m.group("num")), relation, bool(m.group("pct")))


def to_money(value) -> Decimal:
    number = to_decimal(value)
    if number.as_tuple().exponent >= -2:
        return number
    rounded = within_limit(number.quantize(CENT, rounding=ROUND_HALF_UP))  # −0.004 → 0.00, not −0.00
    if abs(rounded - number) < Decimal("1e-6"):  # binary noise from an Excel formula
        return rounded
    raise Rounded(rounded, f"金额最多两位小数，实际为 {shown(number)}；已四舍五入为 {rounded}")


def to_int(value) -> int:
    number = to_decimal(value)
    if number != number.to_integral_value():
        raise CellFault(f"应为整数，实际为 {shown(number)}")
    return int(number)


def to_date(value) -> date:
    d = as_date(value)
    if d is not None:
        return d
    if isinstance(value, str):
        m = _DATE_TEXT.fullmatch(value)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                pass
        raise CellFault(f"应为日期（如 2020-06-22），实际为“{visible(value.strip())}”")
    raise CellFault(f"应为日期（如 2020-06-22），实际为“{shown(value)}”（请把单元格设为日期格式）")


def _normal_choice(text: str) -> str:
    text = text.replace("(", "（").replace(")", "）").replace(" ", "")
    return _SYMBOLS.get(text, text)


def to_choice(value, choices: tuple[str, ...]) -> str:
    text = to_text(value)
    wanted = {_normal_choice(c): c for c in choices}
    hit = wanted.get(_normal_choice(text))
    if hit is None:
        raise CellFault(f"应为 {'、'.join(choices)} 之一，实际为“{text}”")
    return hit


def convert(value, annotation, plain_number: bool = False):
    """The value as `annotation` wants it; raises CellFault (expected/found) or Rounded.

    A Decimal column is money (at most two decimals) unless `plain_number`."""
    check_special(value)
    inner, _ = unwrap(annotation)
    if typing.get_origin(inner) is typing.Literal:
        return to_choice(value, typing.get_args(inner))
    if inner is Decimal:
        return to_decimal(value) if plain_number else to_money(value)
    if inner is int:
        return to_int(value)
    if inner is date:
        return to_date(value)
    return to_text(value)
