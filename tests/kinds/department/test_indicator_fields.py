"""Every field of every department indicator (domain.md §4), for workbooks worked by hand.

An indicator is printed whole: the score table shows its formula, working (figures), value and note,
the report sentence its amounts, and a blocking problem its place. So each test compares the whole
Indicator(key, name, formula, figures, value, display, note, numerator, denominator, amounts, place)
with one worked out by hand from the workbook: builders.SEED_002 and builders.BASE (万元),
builders.long_department() (元), and variants of BASE (missing 经费控制 rows, zero denominators,
missing summary rows, the budget typed or derived).

Columns: 单位信息 G 人员编制; 收入 B 收入合计, C 上年结转; 支出和结余 B 支出合计; 固定资产 B 固定资产合计;
经费控制 C 上年决算数, D 本年预算数, E 本年追加, F 本年追减, H 本年决算数. Data starts in sheet row 2.
"""
from __future__ import annotations

from decimal import Decimal as D

import builders
import pytest
from generator import load
from generator.kinds.department.indicators import (Indicator, compute_indicators, display, indicator_map,
                                                   indicator_of, item_name, key_of, rate)

NAMES = {
    "staff_control": "在职人员控制率", "sangong_change": "三公经费变动率", "key_spending": "重点支出安排率",
    "budget_completion": "预算完成率", "budget_adjustment": "预算调整率", "budget_control": "预算控制率",
    "payment_progress": "支付进度率", "carryover": "结转结余率", "carryover_change": "结转结余变动率",
    "public_funds": "公用经费控制率", "sangong_control": "三公经费控制率", "procurement": "政府采购执行率",
    "asset_use": "固定资产利用率",
}
FORMULAS = {
    "staff_control": "在职人数 / 编制数 × 100%",
    "sangong_change": "(本年三公经费 − 上年三公经费) / 上年三公经费 × 100%",
    "key_spending": "重点项目支出 / 项目总支出 × 100%",
    "budget_completion": "(上年结转 + 年初预算 + 本年追加 − 年末结余) / (上年结转 + 年初预算 + 本年追加) × 100%，"
                         "其中 上年结转 + 年初预算 + 本年追加 = 收入合计",
    "budget_adjustment": "(本年追加 + 本年追减) / 年初预算 × 100%",
    "budget_control": "本年追加 / 年初预算 × 100%",
    "payment_progress": "实际支付进度 / 既定支付进度 × 100%",
    "carryover": "结转结余总额 / 支出合计 × 100%",
    "carryover_change": "(本年结转结余 − 上年结转结余) / 上年结转结余 × 100%",
    "public_funds": "实际公用经费 / 预算公用经费 × 100%",
    "sangong_control": "三公经费实际支出 / 三公经费预算数 × 100%",
    "procurement": "实际政府采购金额 / 政府采购预算 × 100%",
    "asset_use": "在用固定资产 / 固定资产总额 × 100%",
}


def worked(key, figures, value, num, den, amounts=(), place="", note="") -> Indicator:
    """An indicator with a value (a string such as "-16.67", or None for 「—」), as worked by hand."""
    v = None if value is None else D(value)
    return Indicator(key, NAMES[key], FORMULAS[key], figures, v, "—" if v is None else f"{value}%", note,
                     D(num), D(den), tuple((label, D(x)) for label, x in amounts), place)


def missing(key, note, place="", figures="") -> Indicator:
    """An indicator that cannot be worked at all: no figures, no amounts, only why and where."""
    return Indicator(key, NAMES[key], FORMULAS[key], figures, None, "—", note, None, None, (), place)


@pytest.fixture(scope="module")
def loaded_data(tmp_path_factory):
    """Load a department workbook (builders' dict) and return its DepartmentData."""
    folder = tmp_path_factory.mktemp("fields")
    count = iter(range(10_000))

    def make(data):
        loaded = load(builders.write(folder / f"w{next(count)}.xlsx", data))
        assert loaded.data is not None
        return loaded.data

    return make


def base(**changes) -> dict:
    return builders.department(**changes)


def with_adjustment(**figures) -> dict:
    """BASE with its 部门整体支出预算调整 row (经费控制 row 5) changed."""
    data = base()
    next(r for r in data["经费控制"] if r["项目"] == "部门整体支出预算调整").update(figures)
    return data


# ------------------------------------------------------------------ three whole workbooks

# seed 002 (万元): every figure of its 基础数据表 worked by hand.
NET_886 = "本年追加、本年追减未填，按本年决算数（预算调整净额）886.00万元计为本年追加"
INITIAL_2121 = ("年初预算未填，按 收入合计3867.00万元 − 上年结转860.00万元 − 本年追加886.00万元 + 本年追减0.00万元 "
                "推算为2121.00万元")  # 3867 − 860 − 886 + 0
SEED_002 = [
    worked("staff_control", "实有人数76人 / 编制数76人", "100.00", 76, 76, place="单位信息!G2"),
    worked("sangong_change", "(本年决算数50.00万元 − 上年决算数60.00万元) / 上年决算数60.00万元", "-16.67", -10, 60,
           (("本年", 50), ("上年", 60)), "经费控制!C2"),  # −10 / 60 = −0.1666…
    worked("key_spending", "重点项目支出900.00万元 / 项目支出1114.00万元", "80.79", 900, 1114,
           (("重点项目支出", 900), ("项目支出", 1114)), "经费控制!H3"),  # 1、业务工作专项 (row 4) / 项目支出 (row 3)
    worked("budget_completion", "(收入合计3867.00万元 − 年末结余681.00万元) / 收入合计3867.00万元", "82.39", 3186, 3867,
           (("收入合计", 3867), ("年末结余", 681)), "收入!B2"),  # 3186 / 3867 = 0.82389…
    worked("budget_adjustment", f"(本年追加886.00万元 + 本年追减0.00万元) / 年初预算2121.00万元；{NET_886}；{INITIAL_2121}",
           "41.77", 886, 2121, (("本年追加", 886), ("本年追减", 0), ("年初预算", 2121)), "经费控制!D8",
           f"{NET_886}；{INITIAL_2121}"),  # 886 / 2121 = 0.41772…
    worked("budget_control", f"本年追加886.00万元 / 年初预算2121.00万元；{NET_886}；{INITIAL_2121}",
           "41.77", 886, 2121, (("本年追加", 886), ("本年追减", 0), ("年初预算", 2121)), "经费控制!D8",
           f"{NET_886}；{INITIAL_2121}"),
    worked("carryover", "累计结余681.00万元 / 支出合计3186.00万元", "21.37", 681, 3186,
           (("累计结余", 681), ("支出合计", 3186)), "支出和结余!B2"),  # 0.21374…
    worked("carryover_change", "(累计结余681.00万元 − 上年结转860.00万元) / 上年结转860.00万元", "-20.81", -179, 860,
           (("本年", 681), ("上年", 860)), "收入!C2"),  # −179 / 860 = −0.20813…
    worked("public_funds", "本年决算数453.00万元 / 本年预算数420.00万元", "107.86", 453, 420,
           (("本年决算数", 453), ("本年预算数", 420)), "经费控制!D6"),  # 1.07857…
    worked("sangong_control", "本年决算数50.00万元 / 本年预算数55.00万元", "90.91", 50, 55,
           (("本年决算数", 50), ("本年预算数", 55)), "经费控制!D2"),  # 0.90909…
    worked("procurement", "本年决算数150.00万元 / 本年预算数200.00万元", "75.00", 150, 200,
           (("本年决算数", 150), ("本年预算数", 200)), "经费控制!D7"),
    worked("asset_use", "在用固定资产1092.00万元 / 固定资产合计9548.00万元", "11.44", 1092, 9548,
           (("在用固定资产", 1092), ("固定资产合计", 9548)), "固定资产!B2"),  # 0.11436…
]

# BASE (万元): 经费控制 holds 三公经费 (row 2, with two 其中 rows 3–4) and the adjustment (row 5) only,
# so 重点支出安排率, 公用经费控制率 and 政府采购执行率 point at row 6, where their row is to be added.
NET_10 = "本年追加、本年追减未填，按本年决算数（预算调整净额）10.00万元计为本年追加"
INITIAL_270 = "年初预算未填，按 收入合计300.00万元 − 上年结转20.00万元 − 本年追加10.00万元 + 本年追减0.00万元 推算为270.00万元"
BASE = [
    worked("staff_control", "实有人数18人 / 编制数20人", "90.00", 18, 20, place="单位信息!G2"),
    worked("sangong_change", "(本年决算数3.00万元 − 上年决算数4.00万元) / 上年决算数4.00万元", "-25.00", -1, 4,
           (("本年", 3), ("上年", 4)), "经费控制!C2"),
    missing("key_spending", "经费控制表缺少“业务工作专项”行，无法计算", "经费控制!A6"),
    worked("budget_completion", "(收入合计300.00万元 − 年末结余10.00万元) / 收入合计300.00万元", "96.67", 290, 300,
           (("收入合计", 300), ("年末结余", 10)), "收入!B2"),  # 0.96666…
    worked("budget_adjustment", f"(本年追加10.00万元 + 本年追减0.00万元) / 年初预算270.00万元；{NET_10}；{INITIAL_270}",
           "3.70", 10, 270, (("本年追加", 10), ("本年追减", 0), ("年初预算", 270)), "经费控制!D5",
           f"{NET_10}；{INITIAL_270}"),  # 0.037037…
    worked("budget_control", f"本年追加10.00万元 / 年初预算270.00万元；{NET_10}；{INITIAL_270}",
           "3.70", 10, 270, (("本年追加", 10), ("本年追减", 0), ("年初预算", 270)), "经费控制!D5",
           f"{NET_10}；{INITIAL_270}"),
    worked("carryover", "累计结余10.00万元 / 支出合计290.00万元", "3.45", 10, 290,
           (("累计结余", 10), ("支出合计", 290)), "支出和结余!B2"),  # 0.034482…
    worked("carryover_change", "(累计结余10.00万元 − 上年结转20.00万元) / 上年结转20.00万元", "-50.00", -10, 20,
           (("本年", 10), ("上年", 20)), "收入!C2"),
    missing("public_funds", "经费控制表缺少“公用经费”行，无法计算", "经费控制!A6"),
    worked("sangong_control", "本年决算数3.00万元 / 本年预算数5.00万元", "60.00", 3, 5,
           (("本年决算数", 3), ("本年预算数", 5)), "经费控制!D2"),
    missing("procurement", "经费控制表缺少“政府采购金额”行，无法计算", "经费控制!A6"),
    worked("asset_use", "在用固定资产70.00万元 / 固定资产合计80.00万元", "87.50", 70, 80,
           (("在用固定资产", 70), ("固定资产合计", 80)), "固定资产!B2"),
]

# long_department (元): amounts with thousands separators; 经费控制 has 三公经费 (row 2) and the adjustment (row 3).
NET_500K = "本年追加、本年追减未填，按本年决算数（预算调整净额）500,000.00元计为本年追加"
INITIAL_LONG = ("年初预算未填，按 收入合计12,345,678.90元 − 上年结转1,000,000.00元 − 本年追加500,000.00元 + "
                "本年追减0.00元 推算为10,845,678.90元")  # 12345678.90 − 1000000 − 500000 + 0
LONG = [
    worked("staff_control", "实有人数38人 / 编制数40人", "95.00", 38, 40, place="单位信息!G2"),
    worked("sangong_change", "(本年决算数123,456.78元 − 上年决算数100,000.00元) / 上年决算数100,000.00元", "23.46",
           "23456.78", "100000", (("本年", "123456.78"), ("上年", "100000")), "经费控制!C2"),  # 0.2345678
    missing("key_spending", "经费控制表缺少“业务工作专项”行，无法计算", "经费控制!A4"),
    # (12345678.90 + 234567.89) / 12345678.90 = 1.018999…: the year spent more than it received
    worked("budget_completion", "(收入合计12,345,678.90元 − 年末结余-234,567.89元) / 收入合计12,345,678.90元", "101.90",
           "12580246.79", "12345678.90", (("收入合计", "12345678.90"), ("年末结余", "-234567.89")), "收入!B2"),
    worked("budget_adjustment", f"(本年追加500,000.00元 + 本年追减0.00元) / 年初预算10,845,678.90元；{NET_500K}；"
           f"{INITIAL_LONG}", "4.61", 500000, "10845678.90",
           (("本年追加", 500000), ("本年追减", 0), ("年初预算", "10845678.90")), "经费控制!D3",
           f"{NET_500K}；{INITIAL_LONG}"),  # 0.046101…
    worked("budget_control", f"本年追加500,000.00元 / 年初预算10,845,678.90元；{NET_500K}；{INITIAL_LONG}", "4.61",
           500000, "10845678.90", (("本年追加", 500000), ("本年追减", 0), ("年初预算", "10845678.90")), "经费控制!D3",
           f"{NET_500K}；{INITIAL_LONG}"),
    worked("carryover", "累计结余-234,567.89元 / 支出合计12,580,246.79元", "-1.86", "-234567.89", "12580246.79",
           (("累计结余", "-234567.89"), ("支出合计", "12580246.79")), "支出和结余!B2"),  # −0.018645…
    worked("carryover_change", "(累计结余-234,567.89元 − 上年结转1,000,000.00元) / 上年结转1,000,000.00元", "-123.46",
           "-1234567.89", "1000000", (("本年", "-234567.89"), ("上年", "1000000")), "收入!C2"),
    missing("public_funds", "经费控制表缺少“公用经费”行，无法计算", "经费控制!A4"),
    worked("sangong_control", "本年决算数123,456.78元 / 本年预算数150,000.00元", "82.30", "123456.78", "150000",
           (("本年决算数", "123456.78"), ("本年预算数", "150000")), "经费控制!D2"),  # 0.823045…
    missing("procurement", "经费控制表缺少“政府采购金额”行，无法计算", "经费控制!A4"),
    worked("asset_use", "在用固定资产1,000,000.00元 / 固定资产合计1,234,567.89元", "81.00", 1000000, "1234567.89",
           (("在用固定资产", 1000000), ("固定资产合计", "1234567.89")), "固定资产!B2"),  # 0.8100000074
]


@pytest.mark.parametrize("data, expected", [
    (builders.department(**builders.SEED_002), SEED_002),
    (builders.department(), BASE),
    (builders.long_department(), LONG),
], ids=["seed-002", "base", "long-yuan"])
def test_every_field_of_every_indicator(loaded_data, data, expected):
    got = compute_indicators(loaded_data(data))
    assert [i.key for i in got] == [i.key for i in expected]  # catalogue order, no 支付进度 row: no 支付进度率
    for have, want in zip(got, expected):
        assert have == want, want.key


def test_payment_progress_without_its_row_says_where_to_add_it(loaded_data):
    # a rules file that scores 支付进度率 must be told where the row goes: below BASE's last row (5)
    assert indicator_of(loaded_data(base()), "payment_progress") == missing(
        "payment_progress", "经费控制表缺少“支付进度”行，无法计算", "经费控制!A6")


def test_payment_progress_with_its_row(loaded_data):
    data = base()
    data["经费控制"].append({"项目": "支付进度", "上年决算数": D("0"), "本年预算数": D("80"), "本年决算数": D("72")})
    got = indicator_map(loaded_data(data))["payment_progress"]  # 72 / 80 = 90.00%, the row is row 6
    assert got == worked("payment_progress", "实际支付72.00万元 / 既定支付80.00万元", "90.00", 72, 80,
                         (("实际支付", 72), ("既定支付", 80)), "经费控制!D6")


# ------------------------------------------------------------------ zero denominators

def test_zero_denominators_keep_their_working_and_point_at_the_zero(loaded_data):
    data = base()
    data["单位信息"] = [dict(data["单位信息"][0], 人员编制=0)]
    data["收入"] = [dict(r, 收入合计=D("0"), 上年结转=D("0"), 公共财政拨款=D("0"), 政府基金拨款=D("0")) for r in data["收入"]]
    data["支出和结余"] = [dict(r, 支出合计=D("0"), 基本支出=D("0"), 人员支出=D("0"), 公用支出=D("0"), 项目支出=D("0"),
                             当年结余=D("0"), 累计结余=D("0")) for r in data["支出和结余"]]
    data["固定资产"] = [dict(r, 固定资产合计=D("0"), 在用固定资产=D("0"), 其他=D("0")) for r in data["固定资产"]]
    data["经费控制"] = [
        {"项目": "三公经费", "上年决算数": D("0"), "本年预算数": D("0"), "本年决算数": D("2")},
        {"项目": "项目支出", "上年决算数": D("0"), "本年预算数": D("0"), "本年决算数": D("0")},
        {"项目": "业务工作专项", "上级项目": "项目支出", "上年决算数": D("0"), "本年预算数": D("0"), "本年决算数": D("0")},
        {"项目": "公用经费", "上年决算数": D("1"), "本年预算数": D("0"), "本年决算数": D("3")},
        {"项目": "政府采购金额", "上年决算数": D("0"), "本年预算数": D("0"), "本年决算数": D("4")},
        {"项目": "支付进度", "上年决算数": D("0"), "本年预算数": D("0"), "本年决算数": D("5")},
        # 年初预算 blank and no income: 0 − 0 − 0 + 0 = 0
        {"项目": "部门整体支出预算调整", "上年决算数": D("0"), "本年预算数": None, "本年追加": D("0"), "本年追减": D("0"),
         "本年决算数": D("0")},
    ]
    got = indicator_map(loaded_data(data))
    derived = "年初预算未填，按 收入合计0.00万元 − 上年结转0.00万元 − 本年追加0.00万元 + 本年追减0.00万元 推算为0.00万元"
    assert list(got.values()) == [
        worked("staff_control", "实有人数18人 / 编制数0人", None, 18, 0, place="单位信息!G2", note="编制数为0，无法计算"),
        worked("sangong_change", "(本年决算数2.00万元 − 上年决算数0.00万元) / 上年决算数0.00万元", None, 2, 0,
               (("本年", 2), ("上年", 0)), "经费控制!C2", "上年三公经费决算数为0，无法计算"),
        worked("key_spending", "重点项目支出0.00万元 / 项目支出0.00万元", None, 0, 0,
               (("重点项目支出", 0), ("项目支出", 0)), "经费控制!H3", "项目支出本年决算数为0，无法计算"),
        worked("budget_completion", "(收入合计0.00万元 − 年末结余0.00万元) / 收入合计0.00万元", None, 0, 0,
               (("收入合计", 0), ("年末结余", 0)), "收入!B2", "收入合计为0，无法计算"),
        # the zero note replaces the derivation note, but the working keeps the derivation
        worked("budget_adjustment", f"(本年追加0.00万元 + 本年追减0.00万元) / 年初预算0.00万元；{derived}", None, 0, 0,
               (("本年追加", 0), ("本年追减", 0), ("年初预算", 0)), "经费控制!D8", "年初预算为0，无法计算"),
        worked("budget_control", f"本年追加0.00万元 / 年初预算0.00万元；{derived}", None, 0, 0,
               (("本年追加", 0), ("本年追减", 0), ("年初预算", 0)), "经费控制!D8", "年初预算为0，无法计算"),
        worked("payment_progress", "实际支付5.00万元 / 既定支付0.00万元", None, 5, 0,
               (("实际支付", 5), ("既定支付", 0)), "经费控制!D7", "既定支付进度为0，无法计算"),
        worked("carryover", "累计结余0.00万元 / 支出合计0.00万元", None, 0, 0,
               (("累计结余", 0), ("支出合计", 0)), "支出和结余!B2", "支出合计为0，无法计算"),
        worked("carryover_change", "(累计结余0.00万元 − 上年结转0.00万元) / 上年结转0.00万元", None, 0, 0,
               (("本年", 0), ("上年", 0)), "收入!C2", "上年结转为0，无法计算"),
        worked("public_funds", "本年决算数3.00万元 / 本年预算数0.00万元", None, 3, 0,
               (("本年决算数", 3), ("本年预算数", 0)), "经费控制!D5", "公用经费本年预算数为0，无法计算"),
        worked("sangong_control", "本年决算数2.00万元 / 本年预算数0.00万元", None, 2, 0,
               (("本年决算数", 2), ("本年预算数", 0)), "经费控制!D2", "三公经费本年预算数为0，无法计算"),
        worked("procurement", "本年决算数4.00万元 / 本年预算数0.00万元", None, 4, 0,
               (("本年决算数", 4), ("本年预算数", 0)), "经费控制!D6", "政府采购金额本年预算数为0，无法计算"),
        worked("asset_use", "在用固定资产0.00万元 / 固定资产合计0.00万元", None, 0, 0,
               (("在用固定资产", 0), ("固定资产合计", 0)), "固定资产!B2", "固定资产合计为0，无法计算"),
    ]


# ------------------------------------------------------------------ no summary row

@pytest.mark.parametrize("empty, expected", [
    # no 收入: 预算完成率 and 结转结余变动率 name 收入; the budget rates need income only to derive 年初预算
    (("收入",), {"budget_completion": "“收入”表没有汇总行，无法计算",
                "carryover_change": "“收入”表没有汇总行，无法计算",
                "budget_adjustment": "“收入”表没有汇总行，无法计算",
                "budget_control": "“收入”表没有汇总行，无法计算"}),
    (("支出和结余",), {"budget_completion": "“支出和结余”表没有汇总行，无法计算",
                   "carryover": "“支出和结余”表没有汇总行，无法计算",
                   "carryover_change": "“支出和结余”表没有汇总行，无法计算"}),
    # both gone: 收入 is named first
    (("收入", "支出和结余"), {"budget_completion": "“收入”表没有汇总行，无法计算",
                          "carryover": "“支出和结余”表没有汇总行，无法计算",
                          "carryover_change": "“收入”表没有汇总行，无法计算",
                          "budget_adjustment": "“收入”表没有汇总行，无法计算",
                          "budget_control": "“收入”表没有汇总行，无法计算"}),
    (("固定资产",), {"asset_use": "“固定资产”表没有汇总行，无法计算"}),
], ids=["no-income", "no-spending", "neither", "no-assets"])
def test_a_missing_summary_row_is_named(loaded_data, empty, expected):
    data = base(**{sheet: [] for sheet in empty})
    got = indicator_map(loaded_data(data))
    # the budget rates point at 收入's first row, where the summary row goes; the others have no cell
    places = {"budget_adjustment": "收入!A2", "budget_control": "收入!A2"}
    for key, note in expected.items():
        assert got[key] == missing(key, note, places.get(key, "")), key
    # what does not need the empty sheet is worked as in BASE
    for want in BASE:
        if want.key not in expected:
            assert got[want.key] == want, want.key


def test_a_typed_initial_budget_needs_no_income(loaded_data):
    # 年初预算 250 typed, 追加 40, 追减 10: (40 + 10) / 250 = 20.00%, 40 / 250 = 16.00%, with 收入 empty
    data = with_adjustment(本年预算数=D("250"), 本年追加=D("40"), 本年追减=D("10"), 本年决算数=D("30"))
    data["收入"] = []
    got = indicator_map(loaded_data(data))
    amounts = (("本年追加", 40), ("本年追减", 10), ("年初预算", 250))
    assert got["budget_adjustment"] == worked(
        "budget_adjustment", "(本年追加40.00万元 + 本年追减10.00万元) / 年初预算250.00万元", "20.00", 50, 250, amounts,
        "经费控制!D5")
    assert got["budget_control"] == worked(
        "budget_control", "本年追加40.00万元 / 年初预算250.00万元", "16.00", 40, 250, amounts, "经费控制!D5")


# ------------------------------------------------------------------ the budget: typed, derived

@pytest.mark.parametrize("figures, added, cut, initial, derived, adjustment, control", [
    # 追加、追减 blank, net −10: read as 追减 10; 年初预算 = 300 − 20 − 0 + 10 = 290; 10 / 290 = 0.03448…
    ({"本年决算数": D("-10")}, 0, 10, 290,
     ["本年追加、本年追减未填，按本年决算数（预算调整净额）-10.00万元计为本年追减",
      "年初预算未填，按 收入合计300.00万元 − 上年结转20.00万元 − 本年追加0.00万元 + 本年追减10.00万元 推算为290.00万元"],
     "3.45", "0.00"),
    # net 0 counts as an addition of nothing: 年初预算 = 300 − 20 = 280
    ({"本年决算数": D("0")}, 0, 0, 280,
     ["本年追加、本年追减未填，按本年决算数（预算调整净额）0.00万元计为本年追加",
      "年初预算未填，按 收入合计300.00万元 − 上年结转20.00万元 − 本年追加0.00万元 + 本年追减0.00万元 推算为280.00万元"],
     "0.00", "0.00"),
    # only 追加 typed (追减 blank means none): 年初预算 = 300 − 20 − 40 = 240; 40 / 240 = 0.1666…
    ({"本年追加": D("40"), "本年决算数": D("40")}, 40, 0, 240,
     ["年初预算未填，按 收入合计300.00万元 − 上年结转20.00万元 − 本年追加40.00万元 + 本年追减0.00万元 推算为240.00万元"],
     "16.67", "16.67"),
    # only 追减 typed: 年初预算 = 300 − 20 + 30 = 310; 30 / 310 = 0.09677…
    ({"本年追减": D("30"), "本年决算数": D("-30")}, 0, 30, 310,
     ["年初预算未填，按 收入合计300.00万元 − 上年结转20.00万元 − 本年追加0.00万元 + 本年追减30.00万元 推算为310.00万元"],
     "9.68", "0.00"),
    # 年初预算 typed, the net read as 追加: only that is derived; 25 / 200
    ({"本年预算数": D("200"), "本年决算数": D("25")}, 25, 0, 200,
     ["本年追加、本年追减未填，按本年决算数（预算调整净额）25.00万元计为本年追加"], "12.50", "12.50"),
    # everything typed: nothing derived, no note; (30 + 20) / 200 and 30 / 200
    ({"本年预算数": D("200"), "本年追加": D("30"), "本年追减": D("20"), "本年决算数": D("10")}, 30, 20, 200, [],
     "25.00", "15.00"),
], ids=["net-cut", "net-zero", "only-added", "only-cut", "typed-initial", "all-typed"])
def test_budget_rates_from_typed_and_derived_figures(loaded_data, figures, added, cut, initial, derived, adjustment,
                                                     control):
    got = indicator_map(loaded_data(with_adjustment(**figures)))
    amounts = (("本年追加", added), ("本年追减", cut), ("年初预算", initial))
    tail = "".join(f"；{d}" for d in derived)  # the working ends with what was derived
    note = "；".join(derived)
    assert got["budget_adjustment"] == worked(
        "budget_adjustment", f"(本年追加{added}.00万元 + 本年追减{cut}.00万元) / 年初预算{initial}.00万元{tail}",
        adjustment, added + cut, initial, amounts, "经费控制!D5", note)
    assert got["budget_control"] == worked(
        "budget_control", f"本年追加{added}.00万元 / 年初预算{initial}.00万元{tail}", control,
        added, initial, amounts, "经费控制!D5", note)


def test_more_adjusted_than_received_gives_no_rate(loaded_data):
    # 追加 400 with 收入合计 300: 年初预算 = 300 − 20 − 400 = −120, which cannot be a budget
    got = indicator_map(loaded_data(with_adjustment(本年决算数=D("400"))))
    net = "本年追加、本年追减未填，按本年决算数（预算调整净额）400.00万元计为本年追加"
    initial = "年初预算未填，按 收入合计300.00万元 − 上年结转20.00万元 − 本年追加400.00万元 + 本年追减0.00万元 推算为-120.00万元"
    assert got["budget_adjustment"] == missing(
        "budget_adjustment", "年初预算为负数，无法计算", "经费控制!D5",
        f"(本年追加400.00万元 + 本年追减0.00万元) / 年初预算-120.00万元；{net}；{initial}")
    assert got["budget_control"] == missing(
        "budget_control", "年初预算为负数，无法计算", "经费控制!D5",
        f"本年追加400.00万元 / 年初预算-120.00万元；{net}；{initial}")


def test_a_just_nonnegative_initial_budget_is_a_rate(loaded_data):
    # 追加 280: 年初预算 = 300 − 20 − 280 = 0, a zero (not a negative) budget
    got = indicator_map(loaded_data(with_adjustment(本年决算数=D("280"))))["budget_adjustment"]
    assert (got.value, got.note, got.numerator, got.denominator) == (None, "年初预算为0，无法计算", D(280), D(0))


def test_missing_adjustment_row_points_below_the_last_row(loaded_data):
    data = base()
    data["经费控制"] = [r for r in data["经费控制"] if r["项目"] != "部门整体支出预算调整"]
    got = indicator_map(loaded_data(data))  # rows 2–4 left: the row goes in row 5
    for key in ("budget_adjustment", "budget_control"):
        assert got[key] == missing(key, "经费控制表缺少“部门整体支出预算调整”行，无法计算", "经费控制!A5")


def test_an_empty_control_sheet_points_at_its_first_row(loaded_data):
    got = indicator_map(loaded_data(base(经费控制=[])))
    for key, item in (("sangong_change", "三公经费"), ("sangong_control", "三公经费"), ("key_spending", "业务工作专项"),
                      ("public_funds", "公用经费"), ("procurement", "政府采购金额"),
                      ("budget_adjustment", "部门整体支出预算调整"), ("budget_control", "部门整体支出预算调整")):
        assert got[key] == missing(key, f"经费控制表缺少“{item}”行，无法计算", "经费控制!A2"), key


# ------------------------------------------------------------------ which 经费控制 row

def controls(*rows) -> dict:
    """BASE with 经费控制 rows (项目, 上级项目, 上年决算数, 本年预算数, 本年决算数), the adjustment row last."""
    data = base()
    data["经费控制"] = [{"项目": n, "上级项目": p, "上年决算数": D(a), "本年预算数": D(b), "本年决算数": D(c)}
                     for n, p, a, b, c in rows] + [base()["经费控制"][3]]
    return data


def test_key_spending_without_the_project_row_names_it(loaded_data):
    data = controls(("重点项目支出", None, "1", "2", "3"))
    assert indicator_map(loaded_data(data))["key_spending"] == missing(
        "key_spending", "经费控制表缺少“项目支出”行，无法计算", "经费控制!A4")


@pytest.mark.parametrize("name", ["业务工作专项", "重点项目支出", "重点项目", "1、重点项目"])
def test_key_spending_under_its_other_names(loaded_data, name):
    # 30 of 120 of 项目支出 is 重点: 25.00%; the 其中 row comes first, 项目支出 (row 3) is the denominator
    data = controls((name, "项目支出", "0", "0", "30"), ("项目支出", None, "0", "0", "120"))
    assert indicator_map(loaded_data(data))["key_spending"] == worked(
        "key_spending", "重点项目支出30.00万元 / 项目支出120.00万元", "25.00", 30, 120,
        (("重点项目支出", 30), ("项目支出", 120)), "经费控制!H3")


@pytest.mark.parametrize("name", ["三公经费合计", "（一）“三公”经费", "一、三公经费"])
def test_sangong_under_its_other_names(loaded_data, name):
    data = controls((name, None, "8", "10", "6"))  # (6 − 8) / 8 = −25.00%, 6 / 10 = 60.00%
    got = indicator_map(loaded_data(data))
    assert (got["sangong_change"].value, got["sangong_control"].value) == (D("-25.00"), D("60.00"))
    assert got["sangong_control"].place == "经费控制!D2"


def test_a_sub_item_is_used_when_there_is_no_top_level_one(loaded_data):
    # only 「其中：公用经费」 under 基本支出 (row 3): 15 / 20 = 75.00%
    data = controls(("基本支出", None, "50", "60", "40"), ("其中：公用经费", "基本支出", "10", "20", "15"))
    assert indicator_map(loaded_data(data))["public_funds"] == worked(
        "public_funds", "本年决算数15.00万元 / 本年预算数20.00万元", "75.00", 15, 20,
        (("本年决算数", 15), ("本年预算数", 20)), "经费控制!D3")


def test_the_first_of_two_top_level_rows_is_used(loaded_data):
    data = controls(("公用经费", None, "1", "40", "30"), ("公用经费", None, "1", "50", "10"))
    got = indicator_map(loaded_data(data))["public_funds"]  # row 2: 30 / 40
    assert (got.value, got.place) == (D("75.00"), "经费控制!D2")


def test_adjustment_row_under_its_short_name(loaded_data):
    data = base()
    data["经费控制"][3]["项目"] = "预算调整"
    got = indicator_map(loaded_data(data))["budget_control"]
    assert (got.value, got.place) == (D("3.70"), "经费控制!D5")  # as BASE: 10 / 270


# ------------------------------------------------------------------ the small helpers

@pytest.mark.parametrize("typed, bare", [
    ("公用经费", "公用经费"),
    ("1、公用经费", "公用经费"),
    ("12、公用经费", "公用经费"),
    ("3.公用经费", "公用经费"),
    ("4．公用经费", "公用经费"),
    ("十、公用经费", "公用经费"),
    ("（一）“三公”经费", "三公经费"),
    ("(2)公用经费", "公用经费"),
    ("（十二）公用经费", "公用经费"),
    ("其中：办公经费", "办公经费"),
    ("其中:办公经费", "办公经费"),
    ("其中：1、办公经费", "办公经费"),
    (" 公用 经费 ", "公用经费"),
    ("\"公用经费\"", "公用经费"),
    ("'公用经费'", "公用经费"),
    ("‘公用经费’", "公用经费"),
    ("「公用经费」", "公用经费"),
    ("三公经费", "三公经费"),  # 三 is no number without its 、
    ("一般公共服务", "一般公共服务"),
    ("公用经费1、", "公用经费1、"),  # only a leading number is numbering
    ("其中公用经费", "其中公用经费"),  # 其中 without its colon is part of the name
    ("1、2、公用经费", "2、公用经费"),  # one number only
])
def test_item_name_drops_numbering_quotes_and_spaces(typed, bare):
    assert item_name(typed) == bare


@pytest.mark.parametrize("given, key", [
    ("asset_use", "asset_use"), ("固定资产利用率", "asset_use"), ("在职人员控制率", "staff_control"),
    ("支付进度率", "payment_progress"), ("固定资产", None), ("", None),
])
def test_key_of_takes_a_key_or_a_chinese_name(given, key):
    assert key_of(given) == key


def test_display_and_rate():
    assert display(None) == "—"
    assert display(D("-0.50")) == "-0.50%"
    assert rate(1, 3) == D("33.33")  # plain ints are taken too: 100 / 3 = 33.333…
    assert str(rate(2, 3)) == "66.67"  # half-up, two places
    assert str(rate(D("5"), D("4"))) == "125.00"
    assert rate(D("0"), D("0")) is None
