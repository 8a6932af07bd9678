"""What a zero denominator scores (the rules file says), and the budget figures 年初预算, 追加, 追减.

The workbook is builders.BASE (万元): 收入合计 300.00, 上年结转 20.00, 三公经费 3.00 (上年 4.00)
made of 公务用车购置和维护经费 2.00 and 公务接待 1.00. Each test changes what it is about.
"""
from decimal import Decimal as D

import builders
import pytest
from generator import load
from generator.errors import UsageError
from generator.kinds.department.indicators import indicator_map
from generator.pipeline import Options

ZEROS = {"上年决算数": D("0"), "本年预算数": D("0"), "本年决算数": D("0")}


def sangong(before: str, now: str) -> dict:
    """三公经费 in both the 经费控制 rows and the 三公经费 table: all of it 公务接待."""
    data = builders.department()
    controls = data["经费控制"]
    controls[0].update(上年决算数=D(before), 本年预算数=D("2.00"), 本年决算数=D(now))
    controls[1].update(ZEROS)
    controls[2].update(上年决算数=D(before), 本年决算数=D(now))
    data["三公经费"] = [{"机构名称": "汇总", "三公经费合计": D(now), "公务接待费": D(now), "公务用车运维费": D("0"),
                      "公务用车购置费": D("0"), "因公出国出境费": D("0")}]
    return data


def row_of(loaded, name):
    return next(r for r in loaded.scores.sheet.rows if r.indicator == name)


def adjustment(data: dict, **figures) -> dict:
    row = next(r for r in data["经费控制"] if r["项目"] == "部门整体支出预算调整")
    row.update(figures)
    return data


# ------------------------------------------------------------------ 0/0 and x/0

def test_hunan_sangong_zero_in_both_years_is_full_marks(workbook):
    loaded = load(workbook(sangong("0", "0")))
    assert loaded.errors == []
    row = row_of(loaded, "三公经费变动率")
    assert row.score == D("5.00") and row.value == "—"
    assert "0/0" in row.basis and "按规则得满分" in row.basis
    assert loaded.scores.total is not None


def test_hunan_sangong_from_nothing_scores_nothing(workbook):
    loaded = load(workbook(sangong("0", "2.00")))
    row = row_of(loaded, "三公经费变动率")
    assert row.score == D("0.00")
    assert "x/0" in row.basis and "按规则不得分" in row.basis
    # the rest still adds up: the report is not blocked by a rule that says what to do
    assert loaded.errors == [] and loaded.scores.sheet.complete


def test_a_rule_without_a_zero_rule_blocks_at_the_denominator_cell(workbook, tmp_path):
    rules = tmp_path / "r.toml"
    rules.write_text('[[rule]]\nindicator = "三公经费变动率"\nweight = 20\nmethod = "over"\nlimit = 0\ndeduct = 1\n'
                     '[performance]\nweight = 80\n', encoding="utf-8")
    loaded = load(workbook(sangong("0", "0")), Options(rules=str(rules)))
    [problem] = loaded.errors
    assert problem.place == "经费控制!C2"  # 三公经费's 上年决算数, where the zero is
    assert "0/0" in problem.message and "both_zero" in problem.message


def test_zero_rule_values_are_checked(workbook, tmp_path):
    rules = tmp_path / "r.toml"
    rules.write_text('[[rule]]\nindicator = "三公经费变动率"\nweight = 20\nmethod = "over"\nlimit = 0\ndeduct = 1\n'
                     'both_zero = "满分"\n[performance]\nweight = 80\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"rule\[1\]\.both_zero 为未知取值“满分”"):
        load(workbook(), Options(rules=str(rules)))


# ------------------------------------------------------------------ 年初预算, 追加, 追减

def test_stated_budget_figures_are_used_as_typed(workbook):
    # 年初预算 250, 追加 40, 追减 10 (net 30): 控制率 40 / 250 = 16.00%, 调整率 (40 + 10) / 250 = 20.00%
    data = adjustment(builders.department(), 本年预算数=D("250"), 本年追加=D("40"), 本年追减=D("10"),
                      本年决算数=D("30"))
    loaded = load(workbook(data))
    assert loaded.problems == []
    got = indicator_map(loaded.data)
    assert got["budget_control"].value == D("16.00") and got["budget_adjustment"].value == D("20.00")
    assert "未填" not in got["budget_control"].figures
    assert row_of(loaded, "预算控制率").score == D("3.00")  # ≤ 20% → 3 points (Hunan)


def test_blank_initial_budget_is_derived_and_the_working_says_how(workbook):
    # 年初预算 = 收入合计 300 − 上年结转 20 − 追加 40 + 追减 10 = 250
    data = adjustment(builders.department(), 本年预算数=None, 本年追加=D("40"), 本年追减=D("10"), 本年决算数=D("30"))
    loaded = load(workbook(data))
    assert loaded.problems == []
    ind = indicator_map(loaded.data)["budget_control"]
    assert ind.value == D("16.00")
    assert ("年初预算未填，按 收入合计300.00万元 − 上年结转20.00万元 − 本年追加40.00万元 + 本年追减10.00万元 "
            "推算为250.00万元") in ind.figures


def test_net_adjustment_must_be_the_additions_less_the_cuts(workbook):
    data = adjustment(builders.department(), 本年追加=D("40"), 本年追减=D("10"), 本年决算数=D("40"))
    messages = [str(p) for p in load(workbook(data)).errors]
    assert ("经费控制!H5: 部门整体支出预算调整本年决算数（预算调整净额） 40.00 ≠ 本年追加(E5) 40.00 − 本年追减(F5) 10.00 "
            "= 30.00（相差 10.00）") in messages


def test_an_addition_typed_as_the_initial_budget_is_warned(workbook):
    # the old mistake: 追加 10 typed under 本年预算数; income says 年初预算 ≈ 300 − 20 = 280
    data = adjustment(builders.department(), 本年预算数=D("10"), 本年决算数=D("0"))
    loaded = load(workbook(data))
    warnings = [str(p) for p in loaded.warnings]
    assert any(w.startswith("经费控制!D5: 部门整体支出预算调整的本年预算数 10.00 应为部门年初预算") and "“本年追加”" in w
               for w in warnings)


def test_initial_budget_is_required_on_other_rows(workbook):
    data = builders.department()
    data["经费控制"][0]["本年预算数"] = None
    assert "经费控制!D2: 三公经费的本年预算数（年初预算）为必填项，实际为空（金额为零请填 0）" in [
        str(p) for p in load(workbook(data)).errors]


def test_missing_adjustment_row_is_reported_on_its_sheet_naming_the_row(workbook):
    data = builders.department()
    data["经费控制"] = [r for r in data["经费控制"] if r["项目"] != "部门整体支出预算调整"]
    [problem] = load(workbook(data)).errors
    assert problem.place == "经费控制!A5"  # the first empty row, where it is to be added
    assert "经费控制表缺少“部门整体支出预算调整”行" in problem.message and "项目填“部门整体支出预算调整”" in problem.message


def test_project_rules_are_refused_for_a_department_workbook(workbook):
    with pytest.raises(UsageError, match="这不是部门整体支出的评分规则"):
        load(workbook(), Options(rules="project-2020"))
