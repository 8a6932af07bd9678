"""指标值 and 完成值 columns: the same forms read on every sheet that has them.

A column declared with `col(..., figure=...)` accepts 95, "95%", "≥95%" and a percent-formatted
0.95 (which Excel shows as 95%, so it is read as 95). What the figure says beside its number is
checked against the row: a typed relation (≥) against the relation column (指标性质), a % against
the unit column (度量单位); either fills its column when that is blank. A 完成值 about 100 times
its 指标值, or a hundredth of it, is the classic 95% stored as 0.95: a warning at the 完成值 cell.
"""
from __future__ import annotations

from decimal import Decimal

from generator.errors import Problem, Severity
from generator.workbook.convert import CellFault, Figure, shown, to_figure, to_text, unwrap
from generator.workbook.xlsx import plain

RELATIONS = ("≥", "≤", "＝")
PERCENT_UNITS = ("%", "％")
# 100× read as "between 50× and 200×", the smaller figure at most 2 (a fraction such as 0.95 or 1.05).
_SLIP_LOW, _SLIP_HIGH, _FRACTION = Decimal(50), Decimal(200), Decimal(2)


def figure_spec(info) -> dict | None:
    """The `figure` declaration of a model field: {"relation": field, "unit": field, "target": field}."""
    return (info.json_schema_extra or {}).get("figure")


def read_figure(raw, info) -> tuple[object, Figure | None]:
    """(value for the model before the row is checked, figure or None for words)."""
    figure = to_figure(raw)
    if figure is None:
        if unwrap(info.annotation)[0] is Decimal:
            raise CellFault(f"应为数字（如 95、95%、≥95%），实际为“{shown(raw)}”")
        return to_text(raw), None
    return (figure.number if unwrap(info.annotation)[0] is Decimal else to_text(raw)), figure


def _text_of(figure: Figure, keep_relation: bool, unit: str | None) -> str:
    relation = figure.relation if keep_relation and figure.relation else ""
    percent = "%" if figure.percent and (unit or "").strip() not in PERCENT_UNITS else ""
    return f"{relation}{shown(plain(figure.number))}{percent}"


class RowFigures:
    """The figures of one row being read, checked together once every cell is converted."""

    def __init__(self, sheet: str, model, values: dict, places: dict[str, str]):
        self.sheet, self.model, self.values, self.places = sheet, model, values, places
        self.figures: dict[str, Figure] = {}
        self.problems: list[Problem] = []

    def _header(self, name: str) -> str:
        return self.model.model_fields[name].alias or name

    def _fault(self, name: str, message: str, severity=Severity.ERROR) -> None:
        self.problems.append(Problem(self.sheet, self.places.get(name, ""), message, severity))

    def settle(self) -> bool:
        """Put each figure into its field; False when one contradicts its row (problems say where)."""
        if self._qualitative():
            return True
        ok = True
        for name, figure in self.figures.items():
            spec = figure_spec(self.model.model_fields[name])
            relation, unit = spec.get("relation"), spec.get("unit")
            nature = self.values.get(relation) if relation else None
            ok &= self._relation(name, figure, relation, nature) & self._unit(name, figure, unit)
            if unwrap(self.model.model_fields[name].annotation)[0] is not Decimal:
                self.values[name] = _text_of(figure, relation is None, self.values.get(unit) if unit else None)
        for name, figure in self.figures.items():
            target = figure_spec(self.model.model_fields[name]).get("target")
            if target in self.figures:
                self._slip(name, figure.number, target, self.figures[target].number)
        return ok

    def _qualitative(self) -> bool:
        """A 定性 row (its relation column says neither ≥, ≤ nor ＝): its figures stay as typed."""
        for name in self.model.model_fields:
            relation = (figure_spec(self.model.model_fields[name]) or {}).get("relation")
            if relation and self.values.get(relation) not in (None, *RELATIONS):
                return True
        return False

    def _relation(self, name: str, figure: Figure, relation: str | None, nature: str | None) -> bool:
        if not figure.relation or not relation:
            return True
        if nature is None:
            self.values[relation] = figure.relation
        elif nature != figure.relation:
            self._fault(name, f"{self._header(name)}写的是“{figure.relation}{shown(figure.number)}”，"
                              f"与{self._header(relation)}“{nature}”不一致")
            return False
        return True

    def _unit(self, name: str, figure: Figure, unit: str | None) -> bool:
        if not figure.percent or not unit:
            return True
        given = self.values.get(unit)
        if given in (None, ""):
            self.values[unit] = "%"
        elif given.strip() not in PERCENT_UNITS:
            self._fault(name, f"{self._header(name)}是百分数（{shown(figure.number)}%），但{self._header(unit)}是“{given}”；"
                              f"请把{self._header(unit)}改为 %，或填写不带百分号的数字")
            return False
        return True

    def _slip(self, name: str, actual: Decimal, target_name: str, target: Decimal) -> None:
        if actual <= 0 or target <= 0:
            return
        low, high = sorted((actual, target))
        if low <= _FRACTION and _SLIP_LOW <= high / low <= _SLIP_HIGH:
            self._fault(name, f"{self._header(name)} {shown(plain(actual))} 与{self._header(target_name)} "
                              f"{shown(plain(target))} 相差约 100 倍：若其中一个是百分数（如 95% 存成了 0.95），"
                              f"请都填百分数的数字（如 95），或把单元格设为百分比格式", Severity.WARNING)
