"""Project scoring rules: how the 100 points of a 项目支出绩效自评表 are split (财预〔2020〕10号 by default).

A file under generator/rules/ (by name) or anywhere (by path), TOML, with `kind = "project"`:

    name = "财预〔2020〕10号"
    kind = "project"
    [weights]
    "预算执行率" = 10
    "产出指标" = 50
    "效益指标" = 30
    "满意度指标" = 10

A workbook may split its 分值 otherwise; it is scored on its own 分值 and warned (checks.py).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from generator.errors import UsageError
from generator.kinds.project.models import LEVEL1

RULES_DIR = Path(__file__).resolve().parents[2] / "rules"  # generator/rules: package data
DEFAULT_RULES = "project-2020"
EXECUTION = "预算执行率"


@dataclass(frozen=True)
class ProjectRules:
    name: str
    source: str
    weights: dict[str, Decimal]  # 预算执行率 and each 一级指标 → points

    @property
    def execution(self) -> Decimal:
        return self.weights[EXECUTION]


def load_project_rules(name_or_path: str | Path = DEFAULT_RULES) -> ProjectRules:
    """A project rules file by name or path ("" or None: the default); every fault is a UsageError."""
    name_or_path = name_or_path or DEFAULT_RULES
    path = Path(name_or_path)
    if not path.is_file() and path.suffix != ".toml" and len(path.parts) == 1:
        path = RULES_DIR / f"{name_or_path}.toml"
    if not path.is_file():
        raise UsageError(f"找不到评分规则“{name_or_path}”；项目支出工作簿可用：{DEFAULT_RULES}，或给出 .toml 文件路径")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise UsageError(f"规则文件 {path} 不是有效的 TOML：{e}") from None
    return _parse(raw, str(path))


def _fail(source: str, where: str, message: str):
    raise UsageError(f"规则文件 {source}：{where} {message}")


def _parse(raw: dict, source: str) -> ProjectRules:
    if raw.get("kind") != "project":
        what = "未写（这是部门整体支出的评分规则）" if "kind" not in raw else f"为“{raw.get('kind')}”"
        _fail(source, "kind", f"{what}：项目支出工作簿需要项目支出的评分规则（kind = \"project\"），如 {DEFAULT_RULES}")
    extra = sorted(set(raw) - {"name", "description", "kind", "weights"})
    if extra:
        _fail(source, "顶层", f"有未知的键 {'、'.join(extra)}")
    weights = raw.get("weights")
    if not isinstance(weights, dict):
        _fail(source, "weights", "应写作 [weights] 表")
    wanted = (EXECUTION, *LEVEL1)
    unknown = sorted(set(weights) - set(wanted))
    if unknown:
        _fail(source, "weights", f"有未知的键 {'、'.join(unknown)}；可用：{'、'.join(wanted)}")
    out = {}
    for key in wanted:
        value = weights.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)) or value < 0:
            _fail(source, f"weights.{key}", f"应为非负数，实际为“{value}”")
        out[key] = Decimal(value)
    if sum(out.values()) != 100:
        _fail(source, "weights", f"各项合计为 {sum(out.values())}，应为 100")
    return ProjectRules(str(raw.get("name") or path_stem(source)), source, out)


def path_stem(source: str) -> str:
    return Path(source).stem
