"""Money units: 元 and 万元, converted only when asked, rounding half-up to the cent."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
FACTOR = {"元": Decimal(1), "万元": Decimal(10000)}


def convert_exact(amount: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """The same amount in another unit, with no rounding (for comparisons)."""
    if from_unit == to_unit:
        return amount
    return amount * FACTOR[from_unit] / FACTOR[to_unit]


def in_unit(amount: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """The amount as shown in `to_unit`: two decimals, rounded half-up."""
    return round_cent(convert_exact(amount, from_unit, to_unit))


def round_cent(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)
