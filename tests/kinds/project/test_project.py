"""The project (项目支出) workbook: its checks, its scores and its report."""
import re
import sys
from decimal import Decimal as D

import pytest
import builders
from click.testing import CliRunner
from conftest import ROOT, SAMPLES
from docx_text import docx_text
from generator import load, render_docx
from generator.cli import main
from generator.pipeline import Options, generate_all
from generator.kinds.project.scoring import _working
from generator.render.registry import template_info

sys.path.insert(0, str(ROOT / "samples"))
import make_project_sample  # noqa: E402

SEVEN_PARTS = ["一、项目概况", "二、项目资金使用及管理情况", "三、项目组织实施情况", "四、项目绩效情况",
               "五、主要经验做法、存在的问题及原因分析", "六、有关建议", "七、其他需要说明的问题"]


@pytest.fixture
def project(tmp_path):
    def make(change=None):
        return builders.write_project(tmp_path / "p.xlsx", builders.project(make_project_sample.DATA, change))
    return make


def messages(path, **options):
    return [str(p) for p in load(path, Options(**options)).problems]


def test_sample_004_is_clean_and_scored_with_working():
    loaded = load(SAMPLES / "004-furong-2021.xlsx")
    assert loaded.problems == []
    s = loaded.scores.projects["招商节会"]
    assert s.execution_rate == D("98.25")          # 196.50 / 200.00
    assert s.execution_score == D("9.83")          # 98.25% × 10, half-up
    assert s.total == D("98.83") and s.grade == "优"
    farm = loaded.scores.projects["农贸市场提质改造"]
    below = next(i for i in farm.indicators if i.row.三级指标 == "完成提质改造农贸市场")
    assert below.used == D("20.83")                # 5 / 6 × 25


def test_funds_must_add_up_per_column(project):
    def change(data):
        data["项目资金"][1]["全年执行数"] = D("190.00")  # 当年财政拨款 of 招商节会
    got = messages(project(change))
    assert ("项目资金!E2: 年度资金总额全年执行数 196.50 ≠ 当年财政拨款(E3) 190.00 + 上年结转资金(E4) 0.00 + "
            "其他资金(E5) 0.00 = 190.00（相差 6.50）") in got


def test_spending_above_budget_is_a_warning(project):
    def change(data):
        for r in data["项目资金"][:2]:
            r["全年执行数"] = D("210.00")
    loaded = load(project(change))
    assert loaded.errors == []
    assert "项目资金!E2: 全年执行数 210.00 超过全年预算数 200.00" in [str(p) for p in loaded.warnings]


def test_another_split_is_scored_as_typed_with_a_warning(project):
    def change(data):
        data["绩效指标"][0]["分值"] = D("25")  # 产出 25 + 15 + 10 + 5 = 55: 预算执行率 keeps 100 − 95 = 5
    loaded = load(project(change))
    assert loaded.errors == []
    s = loaded.scores.projects["招商节会"]
    assert s.execution_points == D("5")
    assert s.execution_score == D("4.91")  # 196.50 / 200.00 = 98.25% × 5 = 4.9125
    assert s.total == D("98.91")  # 4.91 + 25 + 15 + 10 + 5 + 15 + 14 + 10
    assert ("绩效指标!J2: 项目“招商节会”的分值为 预算执行率5.00、产出指标55.00、效益指标30.00、满意度指标10.00，"
            "与评分规则“财预〔2020〕10号”的 预算执行率10.00、产出指标50.00、效益指标30.00、满意度指标10.00 不同；"
            "按工作簿所填分值计分") in [str(p) for p in loaded.warnings]


def test_indicator_points_must_leave_room_for_execution(project):
    def change(data):
        data["绩效指标"][0]["分值"] = D("30")  # 90 − 20 + 30 = 100: nothing left for 预算执行率
    got = messages(project(change))
    assert any(m.startswith("绩效指标!J2: 项目“招商节会”各指标分值(J2、J3、J4、J5、J6、J7、J8)合计 100，应小于 100")
               for m in got)


def test_project_rules_file_sets_the_expected_split(project, tmp_path):
    rules = tmp_path / "p.toml"
    rules.write_text('kind = "project"\nname = "试点"\n[weights]\n"预算执行率" = 20\n"产出指标" = 40\n'
                     '"效益指标" = 30\n"满意度指标" = 10\n', encoding="utf-8")
    loaded = load(project(), Options(rules=str(rules)))
    # the sample's 10/50/30/10 now differs from the file's 20/40/30/10: warned for both projects
    assert sum("与评分规则“试点”" in str(p) for p in loaded.warnings) == 2
    with pytest.raises(Exception, match="项目支出的评分规则"):
        load(project(), Options(rules="hunan"))


def test_typed_total_is_warned_or_kept(project):
    def change(data):
        data["项目信息"][0]["综合得分"] = D("95.50")  # computed: 98.83
    path = project(change)
    loaded = load(path)
    assert loaded.scores.projects["招商节会"].total == D("98.83")
    assert ("项目信息!J2: 项目“招商节会”填写的综合得分 95.50 与按公式计算的 98.83 不一致；报告采用计算值，"
            "如需采用填写值请加 --keep-entered-scores") in [str(p) for p in loaded.warnings]
    kept = load(path, Options(keep_entered_scores=True))
    assert kept.scores.projects["招商节会"].total == D("95.50")
    assert kept.scores.projects["招商节会"].computed_total == D("98.83")
    assert any("报告采用填写值" in str(p) for p in kept.warnings)


def test_wan_yuan_amounts_keep_the_decimals_typed(project):
    def change(data):
        for r in data["项目资金"][:2]:  # 年度资金总额 and 当年财政拨款 of 招商节会
            r["全年执行数"] = D("196.345")
    loaded = load(project(change))
    assert loaded.problems == []
    text = docx_text(render_docx(loaded, template_info("project")))
    assert "| 196.345 |" in text or "196.345" in text
    # 196.345 / 200.00 = 98.1725% → 98.17%, × 10 = 9.8173 → 9.82
    assert loaded.scores.projects["招商节会"].execution_score == D("9.82")


def test_equals_sign_is_kept_in_the_report(project):
    text = docx_text(render_docx(load(project()), template_info("project")))
    assert "| 改造验收合格率 | ＝100% | 100% |" in text


def test_quantitative_values_must_be_numbers_and_qualitative_need_a_score(project):
    def change(data):
        data["绩效指标"][0]["实际完成值"] = "十多场"
        data["绩效指标"][5]["得分"] = None
    got = messages(project(change))
    assert "绩效指标!H2: 定量指标（≥）的实际完成值应为数字，实际为“十多场”" in got
    assert "绩效指标!K7: 定性指标的得分由评价组填写，实际为空" in got


def test_unknown_project_name_is_an_error(project):
    def change(data):
        data["年度总体目标"][1]["项目名称"] = "农贸市场改造"
    got = messages(project(change))
    assert "年度总体目标!A3: 项目“农贸市场改造”不在“项目信息”中" in got
    assert "项目信息!A3: 项目“农贸市场提质改造”在“年度总体目标”中应有 1 行，实际 0 行" in got


def test_entered_score_differing_from_computed_warns_and_is_kept_only_on_request(project):
    def change(data):
        data["绩效指标"][0]["得分"] = D("18")
    path = project(change)
    warnings = [str(p) for p in load(path).warnings]
    assert any(w.startswith("绩效指标!K2: 填写的得分 18 与按公式计算的 20.00") for w in warnings)
    assert load(path).scores.projects["招商节会"].total == D("98.83")
    kept = load(path, Options(keep_entered_scores=True)).scores.projects["招商节会"].total
    assert kept == D("96.83")


def test_report_outline_and_one_self_evaluation_table_per_project():
    text = docx_text(render_docx(load(SAMPLES / "004-furong-2021.xlsx"), template_info("project")))
    assert re.findall(r"^\[Heading 1\] (.*)$", text, flags=re.M) == SEVEN_PARTS
    assert "[附件标题] 附件1" in text and "[附件标题] 附件2" in text
    assert "本单位2021年项目支出年初预算为450.00万元，其中：招商节会200.00万元；农贸市场提质改造250.00万元。" in text
    assert "  | 年度资金总额 | 200.00 | 200.00 | 196.50 | 10.00 | 98.25% | 9.83 |" in text
    assert "招商节会：预算执行率98.25%，自评得分98.83分，评价等次为“优”。" in text


def test_each_writes_one_report_per_project(tmp_path):
    paths = generate_all(SAMPLES / "004-furong-2021.xlsx", "project", tmp_path, each=True)
    assert [p.name for p in paths] == ["长沙市芙蓉区商务局-招商节会-2021年度项目支出绩效自评报告.docx",
                                       "长沙市芙蓉区商务局-农贸市场提质改造-2021年度项目支出绩效自评报告.docx"]
    text = docx_text(paths[1].read_bytes())
    assert "农贸市场提质改造" in text and "招商节会200.00万元" not in text


def test_wrong_kind_of_workbook_for_the_template_is_a_clear_error(tmp_path, workbook):
    runner = CliRunner()
    result = runner.invoke(main, [str(SAMPLES / "004-furong-2021.xlsx"), "--template", "provincial", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "模板“provincial”需要部门整体支出工作簿，这是项目支出工作簿" in result.output
    result = runner.invoke(main, [str(workbook()), "--template", "project", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "模板“project”需要项目支出工作簿，这是部门整体支出工作簿" in result.output


def test_init_project_kind_round_trips(tmp_path):
    out = tmp_path / "p.xlsx"
    assert CliRunner().invoke(main, ["init", str(out), "--kind", "project"]).exit_code == 0
    from openpyxl import load_workbook

    wb = load_workbook(out)
    assert [ws.title for ws in wb][1:] == ["项目信息", "项目资金", "年度总体目标", "绩效指标", "评价人员", "文字"]
    result = CliRunner().invoke(main, ["validate", str(out)])
    assert result.exit_code == 1 and "项目信息!A2: 至少应填 1 行数据" in result.output


@pytest.mark.parametrize("nature,target,actual,expected", [
    ("≤", "50", "60", "≤ 指标值/完成值×分值：50/60×10"),
    ("≥", "6", "5", "≥ 完成值/指标值×分值：5/6×10"),
    ("＝", "100", "98", "＝ 未相等，按较小值/较大值×分值：98/100×10"),
    ("≤", "50", "48", "≤ 完成值48达到指标值50，得满分"),
])
def test_quantitative_working_shows_the_figures_in_the_formulas_order(nature, target, actual, expected):
    from decimal import Decimal
    assert _working(nature, Decimal(target), Decimal(actual), Decimal(10)) == expected


def test_project_text_quoting_another_total_is_an_error(project):
    name = make_project_sample.DATA["项目信息"][0]["项目名称"]
    total = load(project()).scores.projects[name].total

    def quote(wrong):
        def change(data):
            data["文字"].append({"项目名称": name, "部分": "其他", "内容": f"该项目自评总分为{wrong}分。"})
        return change
    assert not [m for m in messages(project(quote(total))) if "总分" in m]
    [problem] = [p for p in load(project(quote(total - 1))).errors if "文字中写的总分" in p.message]
    assert problem.sheet == "文字" and str(total) in problem.message and str(total - 1) in problem.message
