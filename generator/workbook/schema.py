"""The shape of a sheet: columns declared once, rows that remember the cell each value came from.

The models built from these are the schema. The field name (or its alias) is the column
header, its description is the help shown in 填表说明 and in the README, and `choices`
become the dropdown of `genreport init`. Nothing about a column is written twice.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from generator.workbook.xlsx import cell_ref

UNITS = ("元", "万元")
Unit = Literal["元", "万元"]
Money = Decimal  # always Decimal; the unit is declared beside it, never guessed


def col(description: str, *, alias: str | None = None, choices=None, example=None, default=...,
        number: bool | str = False, figure: dict | None = None):
    """A column. Decimal columns are money (two decimals) unless `number` says what else they hold:
    "score" (分数), "percent" (百分比), "figure" (a plain 数值), "amount" (money kept to six decimals);
    True is a plain figure. Any of these reads the cell as a number, unrounded.

    `figure` marks a 指标值/完成值 column (95, 95%, ≥95%, a percent cell; see figure_columns): its keys
    name the row's fields for the relation ("relation"), the unit ("unit") and, on an actual
    figure, its target ("target")."""
    extra = {}
    if number:
        extra["number"] = number
    if figure:
        extra["figure"] = dict(figure)
    if choices:
        extra["choices"] = list(choices)
    if example is not None:
        extra["example"] = example
    return Field(default, alias=alias, description=description, json_schema_extra=extra or None)


class Row(BaseModel):
    """A record of a sheet; remembers the cell each value came from."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid")
    _sheet: str = PrivateAttr("")
    _row: int = PrivateAttr(0)
    _cols: dict = PrivateAttr(default_factory=dict)

    def cell(self, field: str) -> str:
        """`工作表!C7` for a field, or the row's first cell when the column was not filled in."""
        c = self._cols.get(field)
        return f"{self._sheet}!{cell_ref(self._row, c)}" if c else f"{self._sheet}!A{self._row}"

    @property
    def row_number(self) -> int:
        return self._row


@dataclass(frozen=True)
class SheetSpec:
    name: str
    model: type[Row]
    description: str
    min_rows: int = 1
    max_rows: int | None = None
    key: str = ""  # attribute name on the data object

    def columns(self) -> list[tuple[str, str]]:
        """(header, field name) in column order."""
        return [(f.alias or n, n) for n, f in self.model.model_fields.items()]
