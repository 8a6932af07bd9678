"""Rules files: the weights, bands and deductions of department scoring, per region.

A rules file is TOML under generator/rules/ (chosen by name) or anywhere (chosen by path); every
fault in it is a UsageError naming the file and the key, because the user wrote it by hand.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from generator.errors import UsageError
from generator.kinds.department.indicators import CATALOGUE, key_of

RULES_DIR = Path(__file__).resolve().parents[2] / "rules"  # generator/rules: package data
DEFAULT_RULES = "hunan"
ZERO = Decimal(0)

METHODS = {"over": {"limit", "step", "deduct", "steps"}, "under": {"limit", "step", "deduct", "steps"},
           "bands": {"bands", "otherwise"}, "ratio": {"target"}}
STEPS = {"proportional": "按比例", "whole": "按整档", "started": "不足一档按一档"}
# What a zero denominator means for an indicator: 0/0 (`both_zero`) and x/0 (`denominator_zero`).
ZERO_RULES = {"full": "得满分", "none": "不得分", "error": "无法计分"}
ZERO_KEYS = ("both_zero", "denominator_zero")


@dataclass(frozen=True)
class Rule:
    key: str
    name: str
    weight: Decimal
    method: str
    params: dict
    basis: str = ""
    both_zero: str = "error"  # 0/0: one of ZERO_RULES
    denominator_zero: str = "error"  # x/0 with x ≠ 0


@dataclass(frozen=True)
class Rules:
    name: str
    source: str
    rules: tuple[Rule, ...]
    performance_weight: Decimal  # the weight given to the 绩效指标 sheet


def available_rules() -> list[str]:
    return sorted(p.stem for p in RULES_DIR.glob("*.toml"))


def load_rules(name_or_path: str | Path = DEFAULT_RULES) -> Rules:
    """A rules file by name (under generator/rules/) or by path ("" or None: hunan); every fault is a UsageError."""
    name_or_path = name_or_path or DEFAULT_RULES
    path = Path(name_or_path)
    if not path.is_file() and path.suffix != ".toml" and len(path.parts) == 1:
        path = RULES_DIR / f"{name_or_path}.toml"
        if not path.is_file():
            raise UsageError(f"找不到评分规则“{name_or_path}”；可用：{'、'.join(available_rules())}，或给出 .toml 文件路径")
    if not path.is_file():
        raise UsageError(f"找不到评分规则文件 {path}")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise UsageError(f"规则文件 {path} 不是有效的 TOML：{e}") from None
    return _parse_rules(raw, str(path))


class _Reader:
    """Reads values out of a rules file, naming the file and key in every error."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, where: str, message: str):
        raise UsageError(f"规则文件 {self.source}：{where} {message}")

    def number(self, table: dict, key: str, where: str, default=None, positive=False,
               signed=False) -> Decimal:
        """A number; thresholds are `signed` (三公经费变动率 may be held to ≤ −5%)."""
        value = table.get(key, default)
        if value is None:
            self.fail(f"{where}.{key}", "缺失")
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            self.fail(f"{where}.{key}", f"应为数字，实际为“{value}”")
        value = Decimal(value)
        if not signed and (value < 0 or (positive and value == 0)):
            self.fail(f"{where}.{key}", f"应为{'正数' if positive else '非负数'}，实际为 {value}")
        return value

    def keys(self, table: dict, allowed: set[str], where: str) -> None:
        extra = sorted(set(table) - allowed)
        if extra:
            self.fail(where, f"有未知的键 {'、'.join(extra)}；可用：{'、'.join(sorted(allowed))}")


def _parse_rules(raw: dict, source: str) -> Rules:
    r = _Reader(source)
    if raw.get("kind", "department") != "department":
        r.fail("kind", f"为“{raw.get('kind')}”：这不是部门整体支出的评分规则（部门工作簿的规则不写 kind，"
                       f"或写 kind = \"department\"）")
    r.keys(raw, {"name", "description", "rule", "performance", "kind"}, "顶层")
    items = raw.get("rule", [])
    if not isinstance(items, list):
        r.fail("rule", "应写作 [[rule]] 表数组")
    rules = tuple(_parse_rule(r, item, f"rule[{i}]") for i, item in enumerate(items, start=1))
    seen = set()
    for i, rule in enumerate(rules, start=1):
        if rule.key in seen:
            r.fail(f"rule[{i}].indicator", f"“{rule.name}”重复出现")
        seen.add(rule.key)
    perf = raw.get("performance", {})
    if not isinstance(perf, dict):
        r.fail("performance", "应写作 [performance] 表")
    r.keys(perf, {"weight"}, "performance")
    perf_weight = r.number(perf, "weight", "performance", default=0)
    total = sum((x.weight for x in rules), ZERO) + perf_weight
    if total != 100:
        r.fail("weight", f"各 [[rule]] 的 weight 与 performance.weight 合计为 {total}，应为 100")
    return Rules(str(raw.get("name") or Path(source).stem), source, rules, perf_weight)


def _parse_rule(r: _Reader, item: dict, where: str) -> Rule:
    if not isinstance(item, dict):
        r.fail(where, "应为表")
    name = item.get("indicator")
    key = key_of(name) if isinstance(name, str) else None
    if key is None:
        r.fail(f"{where}.indicator", f"为未知指标“{name}”；可用：{'、'.join(CATALOGUE.values())}")
    method = item.get("method")
    if method not in METHODS:
        r.fail(f"{where}.method", f"为未知计分方法“{method}”；可用：{'、'.join(METHODS)}")
    r.keys(item, {"indicator", "weight", "method", "basis", *ZERO_KEYS} | METHODS[method], where)
    weight = r.number(item, "weight", where, positive=True)
    params = _parse_params(r, item, method, weight, where)
    zero = {k: _zero_rule(r, item, k, where) for k in ZERO_KEYS}
    return Rule(key, CATALOGUE[key], weight, method, params, str(item.get("basis", "")), **zero)


def _zero_rule(r: _Reader, item: dict, key: str, where: str) -> str:
    """both_zero / denominator_zero: full (满分), none (不得分, the reason shown) or error (the default)."""
    value = item.get(key, "error")
    if value not in ZERO_RULES:
        r.fail(f"{where}.{key}", f"为未知取值“{value}”；可用：{'、'.join(f'{k}（{v}）' for k, v in ZERO_RULES.items())}")
    return value


def _parse_params(r: _Reader, item: dict, method: str, weight: Decimal, where: str) -> dict:
    if method == "ratio":
        return {"target": r.number(item, "target", where, default=100, positive=True)}
    if method == "bands":
        otherwise = r.number(item, "otherwise", where, default=0)
        if otherwise > weight:
            r.fail(f"{where}.otherwise", f"{otherwise} 超过该指标权重 {weight}")
        return {"bands": _parse_bands(r, item.get("bands"), weight, where), "otherwise": otherwise}
    steps = item.get("steps", "proportional")
    if steps not in STEPS:
        r.fail(f"{where}.steps", f"为未知取值“{steps}”；可用：{'、'.join(STEPS)}")
    return {"limit": r.number(item, "limit", where, signed=True), "steps": steps,
            "step": r.number(item, "step", where, default=1, positive=True),
            "deduct": r.number(item, "deduct", where)}


def _parse_bands(r: _Reader, bands, weight: Decimal, where: str) -> list[tuple[Decimal, Decimal]]:
    if not isinstance(bands, list) or not bands:
        r.fail(f"{where}.bands", "应为非空数组，如 [{ upto = 0, points = 5 }, { upto = 10, points = 4 }]")
    out: list[tuple[Decimal, Decimal]] = []
    for i, band in enumerate(bands, start=1):
        at = f"{where}.bands[{i}]"
        if not isinstance(band, dict):
            r.fail(at, "应为 { upto = 上限, points = 得分 }")
        r.keys(band, {"upto", "points"}, at)
        upto, points = r.number(band, "upto", at, signed=True), r.number(band, "points", at)
        if out and upto <= out[-1][0]:
            r.fail(f"{at}.upto", f"{upto} 应大于上一档的 {out[-1][0]}（各档按上限递增排列）")
        if points > weight:
            r.fail(f"{at}.points", f"{points} 超过该指标权重 {weight}")
        out.append((upto, points))
    return out
