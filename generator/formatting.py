"""How figures and words are written in a report (domain.md §6)."""
from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from generator.units import in_unit, round_cent

DIGITS = "零一二三四五六七八九"


def unsigned_zero(value: Decimal) -> Decimal:
    """−0.00 (a stored −0, or −0.001 rounded) is printed 0.00: a report never shows a signed zero."""
    return value.copy_abs() if value.is_zero() else value


def money(amount: Decimal | None, separators: bool = False) -> str:
    """7038.47 (万元 style) or 31,859,312.45 (元 style); always two decimals, half-up."""
    if amount is None:
        return "—"
    value = unsigned_zero(round_cent(amount))
    return f"{value:,.2f}" if separators else f"{value:.2f}"


def places_typed(amount: Decimal, most: int = 6) -> int:
    """The decimals an amount was typed with (12.345 → 3), at least two, at most `most`."""
    return max(2, min(most, -amount.normalize().as_tuple().exponent))  # amounts are finite: an int exponent


def money_typed(amount: Decimal | None, separators: bool = False) -> str:
    """An amount with the decimals typed, two at least (12.345 stays 12.345, 12.3 is 12.30), half-up."""
    if amount is None:
        return "—"
    value = unsigned_zero(amount.quantize(Decimal("1").scaleb(-places_typed(amount)), rounding=ROUND_HALF_UP))
    return f"{value:,}" if separators else f"{value}"


def percent(ratio: Decimal | None) -> str:
    """A ratio (1.1571) as 115.71%; a missing ratio (zero denominator) as —."""
    if ratio is None:
        return "—"
    return f"{unsigned_zero((ratio * 100).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP))}%"


def score(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{unsigned_zero(value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP))}"


_FIGURE = re.compile(r"(?<=[^\s(（\d.,\-/≥≤＝])(-?\d[\d,]*(?:\.\d+)?(?:%|万元|元|人|分|个百分点)?)")


def figures_apart(text: str) -> str:
    """A space before each figure run into other text (「扣1.33分」 → 「扣 1.33分」), so that a terminal table,
    which wraps at spaces, moves a figure to the next line whole instead of breaking it."""
    return _FIGURE.sub(r" \1", text)


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (enough for any outline)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[ones]
    head = "" if tens == 1 else DIGITS[tens]
    return head + "十" + (DIGITS[ones] if ones else "")


def heading_number(level: int, n: int) -> str:
    """The outline numbering of domain.md §6: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{cn_number(n)}、"
    if level == 2:
        return f"（{cn_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def paragraphs(text: str | None) -> list[str]:
    """A multi-line cell as paragraphs: one per non-empty line."""
    if not text:
        return []
    return [line.strip() for line in text.split("\n") if line.strip()]


class Figures:
    """Formats amounts of one workbook unit into the report unit."""

    def __init__(self, source_unit: str, report_unit: str, separators: bool):
        self.source_unit, self.report_unit, self.separators = source_unit, report_unit, separators

    def value(self, amount: Decimal, unit: str | None = None) -> Decimal:
        return in_unit(amount, unit or self.source_unit, self.report_unit)

    def text(self, amount: Decimal | None, unit: str | None = None) -> str:
        return "—" if amount is None else money(self.value(amount, unit), self.separators)

    def typed(self, amount: Decimal | None, unit: str | None = None) -> str:
        """As typed when no conversion is needed (12.345 万元 stays 12.345); converted amounts to the cent."""
        if amount is None:
            return "—"
        if (unit or self.source_unit) != self.report_unit:
            return self.text(amount, unit)
        return money_typed(amount, self.separators)

    def row(self, row) -> dict[str, str]:
        """Every field of a sheet row as text; amounts in the report unit."""
        out = {}
        for name, v in row:
            out[name] = self.text(v) if isinstance(v, Decimal) else ("" if v is None else str(v))
        return out
