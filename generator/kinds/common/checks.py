"""Sums that must add up, and how a failure names every cell in it.

Amounts in 万元 are rounded from 元, so they may differ by 0.01 per term summed,
no more; amounts in 元 are exact to the cent and must add up exactly.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.errors import Problem, Severity

TOLERANCE_PER_TERM = Decimal("0.01")


def fmt(amount: Decimal) -> str:
    return f"{amount:.2f}"


@dataclass(frozen=True)
class Term:
    label: str
    cell: str  # 工作表!C7
    value: Decimal
    sign: int = 1
    rounded: bool = True  # the figure was rounded to the unit shown (万元), so it may be off by 0.01


def _short(cell: str, sheet: str) -> str:
    return cell.split("!", 1)[1] if cell.startswith(sheet + "!") else cell


def check_sum(total: Term, terms: list[Term]) -> Problem | None:
    """A problem when total differs from the signed sum of terms by more than the tolerance."""
    expected = sum((t.value * t.sign for t in terms), Decimal(0))
    diff = total.value - expected
    rounded = total.rounded or any(t.rounded for t in terms)
    if abs(diff) <= (TOLERANCE_PER_TERM * len(terms) if rounded else 0):
        return None
    sheet, cell = total.cell.split("!", 1)
    parts = []
    for i, t in enumerate(terms):
        op = ("" if i == 0 else " + ") if t.sign > 0 else (" − " if i else "−")
        parts.append(f"{op}{t.label}({_short(t.cell, sheet)}) {fmt(t.value)}")
    message = (f"{total.label} {fmt(total.value)} ≠ {''.join(parts)} = {fmt(expected)}"
               f"（相差 {fmt(abs(diff))}）")
    return Problem(sheet, cell, message)


def at(row, field: str, message: str, severity: Severity = Severity.ERROR) -> Problem:
    """A problem at the cell a row's field came from."""
    sheet, cell = row.cell(field).split("!", 1)
    return Problem(sheet, cell, message, severity)
