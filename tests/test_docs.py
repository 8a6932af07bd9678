"""The README's sheet and column reference is generated from the models and kept in sync."""
from conftest import ROOT
from generator.docs import reference, updated


def test_readme_column_reference_matches_the_models():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert updated(text, reference()) == text, "README 与模型不一致：运行 python -m generator.docs"


def test_reference_lists_every_sheet_and_required_marks():
    ref = reference()
    assert "### 收入" in ref and "### 支出明细" in ref
    assert "| 收入合计 | 是 | 金额 |" in ref
    assert "| 主管部门 |  | 文字 |" in ref


def test_reference_names_scores_figures_and_money_apart():
    ref = reference()
    assert "| 分值 |  | 分数 |" in ref and "| 得分 |  | 分数 |" in ref  # department 绩效指标
    assert "| 指标值 |  | 数值 |" in ref and "| 完成值 |  | 数值 |" in ref
    assert "| 综合得分 |  | 分数 |" in ref
    assert "| 本年追加 |  | 金额 |" in ref and "| 上年收入合计 |  | 金额 |" in ref
