"""Rules files: the weights, bands and deductions of department scoring, per region.

A rules file is TOML under generator/rules/ (chosen by name) or anywhere (chosen by path); every
fault in it is a UsageError naming the file and the key (or, for syntax, the line), because the user
wrote it by hand. Every value is read through `Reader` (number, integer, text, table, tables, array),
which bounds what a file may hold: finite numbers in range, nesting, sizes, no unknown keys.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from generator.kinds.common.rules_file import Reader, read_toml, rules_path, show
from generator.kinds.department.indicators import CATALOGUE, key_of

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


def load_rules(name_or_path: str | Path = DEFAULT_RULES) -> Rules:
    """A rules file by name (under generator/rules/) or by path ("" or None: hunan); every fault is a UsageError."""
    path = rules_path(name_or_path or DEFAULT_RULES)
    return _parse_rules(read_toml(path), str(path))


def _parse_rules(raw: dict, source: str) -> Rules:
    r = Reader(source)
    kind = r.text(raw, "kind", "顶层", default="department")
    if kind != "department":
        r.fail("kind", f"为“{show(kind)}”：这不是部门整体支出的评分规则（部门工作簿的规则不写 kind，"
                       f"或写 kind = \"department\"）")
    r.keys(raw, {"name", "description", "rule", "performance", "kind"}, "顶层")
    name = r.text(raw, "name", "顶层", default=Path(source).stem) or Path(source).stem
    r.text(raw, "description", "顶层", default="")
    rules = tuple(_parse_rule(r, item, where) for where, item in r.tables(raw, "rule"))
    seen = set()
    for i, rule in enumerate(rules, start=1):
        if rule.key in seen:
            r.fail(f"rule[{i}].indicator", f"“{rule.name}”重复出现")
        seen.add(rule.key)
    perf = r.table(raw, "performance", "", {"weight"})
    perf_weight = r.number(perf, "weight", "performance", default=0, hi=100)
    total = sum((x.weight for x in rules), ZERO) + perf_weight
    if total != 100:
        r.fail("weight", f"各 [[rule]] 的 weight 与 performance.weight 合计为 {total}，应为 100")
    return Rules(name, source, rules, perf_weight)


def _parse_rule(r: Reader, item: dict, where: str) -> Rule:
    name = item.get("indicator")
    key = key_of(name) if isinstance(name, str) else None
    if key is None:
        r.fail(f"{where}.indicator", f"为未知指标“{show(name)}”；可用：{'、'.join(CATALOGUE.values())}")
    method = item.get("method")
    if not isinstance(method, str) or method not in METHODS:
        r.fail(f"{where}.method", f"为未知计分方法“{show(method)}”；可用：{'、'.join(METHODS)}")
    r.keys(item, {"indicator", "weight", "method", "basis", *ZERO_KEYS} | METHODS[method], where)
    weight = r.number(item, "weight", where, positive=True, hi=100)
    params = _parse_params(r, item, method, weight, where)
    # both_zero / denominator_zero: full (满分), none (不得分, the reason shown) or error (the default)
    zero = {k: r.text(item, k, where, default="error", choices=ZERO_RULES) for k in ZERO_KEYS}
    return Rule(key, CATALOGUE[key], weight, method, params, r.text(item, "basis", where, default=""), **zero)


def _parse_params(r: Reader, item: dict, method: str, weight: Decimal, where: str) -> dict:
    if method == "ratio":
        return {"target": r.number(item, "target", where, default=100, positive=True)}
    if method == "bands":
        otherwise = r.number(item, "otherwise", where, default=0)
        if otherwise > weight:
            r.fail(f"{where}.otherwise", f"{otherwise} 超过该指标权重 {weight}")
        return {"bands": _parse_bands(r, item, weight, where), "otherwise": otherwise}
    steps = r.text(item, "steps", where, default="proportional", choices=list(STEPS))
    return {"limit": r.number(item, "limit", where, signed=True), "steps": steps,
            "step": r.number(item, "step", where, default=1, positive=True),
            "deduct": r.number(item, "deduct", where)}


def _parse_bands(r: Reader, item: dict, weight: Decimal, where: str) -> list[tuple[Decimal, Decimal]]:
    bands = r.array(item, "bands", where, "[{ upto = 0, points = 5 }, { upto = 10, points = 4 }]")
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
