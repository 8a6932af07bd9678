"""Year-on-year fields (同比) and the indicator sentences (指标句) in plain report Chinese, worked by hand."""
from decimal import Decimal as D

import builders
from generator import load
from generator.formatting import Figures
from generator.kinds.department.context import department_context
from generator.kinds.department.sentences import change


def context(workbook, data, unit="万元"):
    loaded = load(workbook(data))
    assert loaded.errors == [], loaded.errors
    return department_context(loaded.data, loaded.scores, unit, unit == "元")


def with_prior(income: str | None, spending: str | None) -> dict:
    data = builders.department()
    data["收入"][0]["上年收入合计"] = None if income is None else D(income)
    data["支出和结余"][0]["上年支出合计"] = None if spending is None else D(spending)
    return data


def test_change_words_amounts_and_half_up_percentages():
    fig = Figures("万元", "万元", False)
    assert change(D("300.00"), D("275.00"), fig) == "较上年增加25.00万元，增长9.09%"  # 25 / 275 = 9.0909…%
    assert change(D("290.00"), D("300.00"), fig) == "较上年减少10.00万元，下降3.33%"  # 10 / 300 = 3.333…%
    assert change(D("801.00"), D("800.00"), fig) == "较上年增加1.00万元，增长0.13%"  # 0.125% half-up, not 0.12
    assert change(D("12.30"), D("12.30"), fig) == "与上年持平"
    assert change(D("2.00"), D("0"), fig) == "较上年增加2.00万元"  # from nothing: no percentage
    assert change(D("2.00"), None, fig) == ""


def test_year_on_year_fields_from_the_prior_year_columns(workbook):
    got = context(workbook, with_prior("275.00", "300.00"))["同比"]
    assert got == {"收入": "较上年增加25.00万元，增长9.09%", "支出": "较上年减少10.00万元，下降3.33%",
                   "三公经费": "较上年减少1.00万元，下降25.00%"}  # 三公经费 3.00 against 4.00


def test_year_on_year_is_empty_without_prior_figures_and_follows_the_report_unit(workbook):
    assert context(workbook, with_prior(None, None))["同比"]["收入"] == ""
    in_yuan = context(workbook, with_prior("275.00", None), unit="元")["同比"]
    assert in_yuan["收入"] == "较上年增加250,000.00元，增长9.09%" and in_yuan["支出"] == ""


def test_prior_year_columns_add_up_over_institutions(workbook):
    data = with_prior("275.00", None)
    data["收入"][1]["上年收入合计"] = D("180.00")
    data["收入"][2]["上年收入合计"] = D("90.00")  # 180 + 90 = 270, not 275
    messages = [str(p) for p in load(workbook(data)).errors]
    assert any(m.startswith("收入!H2: 上年收入合计汇总 275.00 ≠ 本级(H3) 180.00 + 服务中心(H4) 90.00 = 270.00")
               for m in messages)


def test_indicator_sentences_are_plain_chinese_with_full_width_brackets(workbook):
    sentences = context(workbook, builders.department())["指标句"]
    assert "三公经费支出3.00万元，较上年减少1.00万元，下降25.00%。" in sentences
    assert "在职人员控制率为90.00%（实有在职人员18人，核定编制20人）。" in sentences
    for s in sentences:
        assert "(" not in s and " / " not in s and "变动率为" not in s, s


def test_adjustment_and_control_rates_say_different_things(workbook):
    data = builders.department()
    row = data["经费控制"][3]
    row.update(本年预算数=D("250"), 本年追加=D("40"), 本年追减=D("10"), 本年决算数=D("30"))
    sentences = context(workbook, data)["指标句"]
    assert "预算调整率为20.00%（本年追加40.00万元、追减10.00万元，年初预算250.00万元）。" in sentences
    assert "预算控制率为16.00%（本年追加40.00万元，年初预算250.00万元）。" in sentences


def test_sangong_zero_in_both_years_reads_as_level(workbook):
    data = builders.department()
    for r in data["经费控制"][:3]:
        r.update(上年决算数=D("0"), 本年预算数=D("0"), 本年决算数=D("0"))
    data["三公经费"] = [{"机构名称": "汇总", "三公经费合计": D("0"), "公务接待费": D("0"), "公务用车运维费": D("0"),
                      "公务用车购置费": D("0"), "因公出国出境费": D("0")}]
    ctx = context(workbook, data)
    assert "三公经费支出0.00万元，与上年持平。" in ctx["指标句"]
    assert ctx["同比"]["三公经费"] == "与上年持平"


def test_a_rate_the_text_states_is_not_printed_twice(workbook):
    data = builders.department()
    next(t for t in data["文字"] if t["部分"] == "经济性")["内容"] = "编制内在职人员控制率为90%，控制较好。"
    sentences = context(workbook, data)["指标句"]
    assert not any(s.startswith("在职人员控制率") for s in sentences)
    assert any(s.startswith("三公经费支出") for s in sentences)


def test_blank_full_year_budget_is_derived_for_the_tables(workbook):
    data = builders.department()
    data["经费控制"][0].update(本年追加=D("1.50"), 本年追减=D("0.25"))  # 年初预算 5.00 → 全年 5.00 + 1.50 − 0.25 = 6.25
    row = context(workbook, data)["经费控制表"]["三公经费"]
    assert row["调整预算数"] == "6.25" and row["本年追加"] == "1.50"


def test_naming_an_indicator_without_its_rate_keeps_the_sentence(workbook):
    data = builders.department()
    next(t for t in data["文字"] if t["部分"] == "经济性")["内容"] = "在职人员控制率较好，三公经费变动率为-25%。"
    sentences = context(workbook, data)["指标句"]
    assert any(s.startswith("在职人员控制率为90.00%") for s in sentences)
    assert not any(s.startswith("三公经费支出") for s in sentences)
