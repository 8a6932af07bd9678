"""A report never prints a signed zero, whatever arithmetic produced it."""
from decimal import Decimal as D

import pytest
from generator.formatting import money, money_typed, percent, score


@pytest.mark.parametrize("value", [D("-0"), D("-0.00"), D("-0.004"), D("0") * -1])
def test_negative_zero_prints_as_zero(value):
    assert money(value) == "0.00"
    assert money(value, separators=True) == "0.00"
    assert score(value) == "0.00"
    if value.as_tuple().exponent >= -2:  # typed to the cent or coarser: money_typed keeps what was typed
        assert money_typed(value) == "0.00"
    assert percent(value / 100) == "0.00%"


def test_small_negative_amounts_keep_their_sign():
    assert money(D("-0.005")) == "-0.01"  # half-up away from zero: a real deficit of a cent
    assert score(D("-1.25")) == "-1.25"
    assert percent(D("-0.0012")) == "-0.12%"
