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
