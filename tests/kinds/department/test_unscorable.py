"""A rule whose indicator the workbook cannot give: the row says so, the problem points where the missing
row goes, and the total is not guessed."""
from decimal import Decimal as D

import builders
from generator import load
from generator.kinds.base import Options
from generator.kinds.department.rules import load_rules
from generator.kinds.department.scoring import score_department

RULES = """name = "带支付进度"
[[rule]]
indicator = "支付进度率"
weight = 5
method = "ratio"

[performance]
weight = 95
"""


def test_a_rule_on_payment_progress_without_its_row_is_unscored_and_blocks_the_total(workbook, tmp_path):
    rules_path = tmp_path / "rules.toml"
    rules_path.write_text(RULES, "utf-8")
    loaded = load(workbook(builders.department()), Options(rules=str(rules_path)))
    sheet = score_department(loaded.data, load_rules(str(rules_path)))
    row = sheet.rows[0]
    assert (row.indicator, row.formula, row.figures, row.value, row.points, row.score, row.basis) == (
        "支付进度率", "实际支付进度 / 既定支付进度 × 100%", "", "—", D("5"), None, "经费控制表缺少“支付进度”行，无法计算，无法计分")
    assert sheet.grade == "—" and not sheet.complete
    assert loaded.scores.total is None
    # builders.BASE has four 经费控制 rows (sheet rows 2–5): the 支付进度 row goes in row 6
    assert [str(p) for p in loaded.errors] == [
        "经费控制!A6: 无法计算支付进度率：经费控制表缺少“支付进度”行。请在此添加一行，项目填“支付进度”（可从下拉列表选择）"
        "并填写各列金额；否则无法计算综合得分"]
