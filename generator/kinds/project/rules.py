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

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from generator.kinds.common.rules_file import Reader, read_toml, rules_path, show
from generator.kinds.project.models import LEVEL1

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
    path = rules_path(name_or_path or DEFAULT_RULES)
    return _parse(read_toml(path), str(path))


def _parse(raw: dict, source: str) -> ProjectRules:
    r = Reader(source)
    if raw.get("kind") != "project":
        what = "未写（这是部门整体支出的评分规则）" if "kind" not in raw else f"为“{show(raw.get('kind'))}”"
        r.fail("kind", f"{what}：项目支出工作簿需要项目支出的评分规则（kind = \"project\"），如 {DEFAULT_RULES}")
    r.keys(raw, {"name", "description", "kind", "weights"}, "顶层")
    name = r.text(raw, "name", "顶层", default="") or Path(source).stem
    r.text(raw, "description", "顶层", default="")
    wanted = (EXECUTION, *LEVEL1)
    weights = r.table(raw, "weights", "", set(wanted))
    out = {key: r.number(weights, key, "weights", hi=100) for key in wanted}
    if sum(out.values()) != 100:
        r.fail("weights", f"各项合计为 {sum(out.values())}，应为 100")
    return ProjectRules(name, source, out)
