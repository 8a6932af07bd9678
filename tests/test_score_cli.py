"""`genreport score` and the scoring options of render/validate."""
from decimal import Decimal as D

import builders
from click.testing import CliRunner
from conftest import SAMPLES
from docx_text import docx_text
from generator.cli import main


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_score_prints_every_indicator_with_its_working_and_the_total():
    result = invoke("score", SAMPLES / "002-xiangxi-2019-corrected.xlsx")
    assert result.exit_code == 0, result.output
    for expected in ("在职人员控制率", "实有人数 76人 / 编制数 76人", "100.00%", "预算完成率", "82.39%",
                     "83.74/86.8", "综合得分：86.52", "评价等次：良"):
        assert expected in result.output


def test_another_rules_file_changes_the_result_without_code(tmp_path):
    hunan = invoke("score", SAMPLES / "003-heshan-2024.xlsx")
    strict = invoke("score", SAMPLES / "003-heshan-2024.xlsx", "--rules", "strict-example")
    assert hunan.exit_code == strict.exit_code == 0
    total = lambda out: next(line for line in out.splitlines() if line.startswith("综合得分"))  # noqa: E731
    assert total(hunan.output) != total(strict.output)
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[[rule]]\nindicator = "不存在的指标"\nweight = 100\nmethod = "ratio"\ntarget = 100\n',
                   encoding="utf-8")
    result = invoke("score", SAMPLES / "003-heshan-2024.xlsx", "--rules", bad)
    assert result.exit_code == 2
    assert "不存在的指标" in result.output and "Traceback" not in result.output


def test_score_shows_what_cannot_be_scored_and_exits_1(workbook):
    data = builders.department()
    data["绩效指标"][2]["得分"] = None
    result = invoke("score", workbook(data))
    assert result.exit_code == 1
    assert "未填得分，无法计分" in result.output
    assert "错误 绩效指标!L4: 无法计算综合得分" in result.output


def test_entered_total_is_a_warning_and_used_only_when_asked(workbook, tmp_path):
    data = builders.department()
    data["单位信息"][0]["综合得分"] = D("95.00")
    path = workbook(data)
    checked = invoke("validate", path)
    assert checked.exit_code == 0
    assert "警告 单位信息!L2: 评价组填写的综合得分95.00，按规则“湖南”计算为" in checked.output
    computed = invoke(path, "-o", tmp_path / "a")
    kept = invoke(path, "-o", tmp_path / "b", "--keep-entered-scores")
    assert computed.exit_code == kept.exit_code == 0
    text_a = docx_text(open(computed.output.strip(), "rb").read())
    text_b = docx_text(open(kept.output.strip(), "rb").read())
    assert "  | 绩效自评综合得分 ⟨跨2列⟩ |  | 95.00 |" not in text_a
    assert "  | 绩效自评综合得分 ⟨跨2列⟩ |  | 95.00 |" in text_b


def test_score_table_never_breaks_a_figure_across_lines():
    import re

    from generator import load
    from generator.kinds.department.score_table import render_score_table
    for name in ("002-xiangxi-2019-corrected.xlsx", "003-heshan-2024.xlsx"):
        sheet = load(SAMPLES / name).scores.sheet
        text = render_score_table(sheet, width=120)  # narrower than the default: more wrapping
        for row in sheet.rows:
            for figure in re.findall(r"-?\d[\d,]*(?:\.\d+)?(?:%|万元|元|人|分)", row.figures + row.basis + row.value):
                assert figure in text, (name, row.indicator, figure)
