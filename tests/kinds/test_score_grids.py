"""Kind.score_grids: the score working as tables of text (the web page draws them), for both kinds."""
import sys
from decimal import Decimal as D

import builders
from conftest import SAMPLES
from generator import Options, load
from generator.formatting import score as score_text

sys.path.insert(0, str(SAMPLES))
import make_project_sample  # noqa: E402


def test_department_grid_has_every_row_with_its_working(workbook):
    # 绩效指标 指标2: ≥ 86.8, done 83.74 → 83.74 / 86.8 × 20 = 19.29 (of 20), before the 80 % weight
    rows = [{"类型": "定量", "一级指标": "产出目标", "二级指标": "数量指标", "指标名称": "指标2", "绩效目标": "86.8亿元",
             "完成情况": "83.74亿元", "指标性质": "≥", "指标值": D("86.8"), "完成值": D("83.74"), "度量单位": "亿元",
             "分值": D("20")},
            {"类型": "定量", "一级指标": "满意度", "二级指标": "服务对象满意度", "指标名称": "指标1", "绩效目标": "≥95%",
             "完成情况": "96%", "分值": D("80"), "得分": D("80")}]
    loaded = load(workbook(builders.department(**{**builders.SEED_002, "绩效指标": rows})))
    [grid] = loaded.kind.score_grids(loaded.scores)
    sheet = loaded.scores.sheet
    assert grid.headers == ("指标", "公式", "数据", "值", "分值", "得分", "计分依据")
    assert len(grid.rows) == len(sheet.rows) and all(len(r) == len(grid.headers) for r in grid.rows)
    row = next(r for r in grid.rows if r[0].endswith("指标2"))
    assert row[1] == "完成值 / 指标值 × 分值" and "83.74/86.8" in row[6]
    assert row[5] == score_text(sheet.rows[[r.indicator for r in sheet.rows].index(row[0])].score)
    assert grid.notes[0] == f"综合得分：{score_text(sheet.total)}    评价等次：{sheet.grade}"


def test_department_grid_says_when_entered_scores_are_kept(workbook):
    unit = dict(builders.SEED_002["单位信息"][0], 综合得分=D("88.5"), 评价等次="良")
    loaded = load(workbook(builders.department(**{**builders.SEED_002, "单位信息": [unit]})),
                  Options(keep_entered_scores=True))
    [grid] = loaded.kind.score_grids(loaded.scores)
    assert grid.notes[-1] == "报告采用评价组填写的综合得分：88.50    评价等次：良"


def test_project_grid_per_project_starts_with_the_execution_rate():
    loaded = load(SAMPLES / "004-furong-2021.xlsx")
    grids = loaded.kind.score_grids(loaded.scores)
    assert [g.title for g in grids] == [f"项目支出绩效自评评分：{n}" for n in loaded.scores.projects]
    for grid, project in zip(grids, loaded.scores.projects.values()):
        assert grid.rows[0][0] == "预算执行率" and grid.rows[0][4] == score_text(project.execution_score)
        assert len(grid.rows) == 1 + len(project.indicators)
        assert grid.notes == (f"总分：{score_text(project.total)}    评价等次：{project.grade}",)


def test_project_grid_gives_the_execution_rate_the_points_the_indicators_leave(tmp_path):
    # 招商节会's indicators 20 + 15 + 10 + 5 + 15 + 15 + 10 = 90; with 资金支付及时率 at 0 they take 85,
    # so 预算执行率 is worth 15: 196.50 / 200.00 = 98.25 % of 15 = 14.7375 → 14.74
    def change(data):
        data["绩效指标"][3]["分值"] = D("0")
    path = builders.write_project(tmp_path / "p.xlsx", builders.project(make_project_sample.DATA, change))
    loaded = load(path)
    first = loaded.kind.score_grids(loaded.scores)[0]
    assert first.rows[0][:5] == ("预算执行率", "", "98.25%", "15.00", "14.74")
    assert first.rows[0][5] == "全年执行数/全年预算数×15.00分，封顶"
    assert "│ 预算执行率" in loaded.kind.score_table(loaded.scores) and "15.00 │ 14.74" in loaded.kind.score_table(loaded.scores)
