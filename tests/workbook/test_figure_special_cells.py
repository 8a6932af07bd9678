"""A 指标值 or 完成值 cell holding what no column can hold gets the message any other column gives."""
import pytest
from generator import load
from workbook.xlsx_kit import department, set_cell, write


# These columns are read as figures (95、95%、≥95%); they once said 应为数字，实际为“True” (Python's spelling),
# “（无法读取的单元格）” (the reason lost) or “=1/0” (no advice to recalculate) instead.

@pytest.mark.parametrize("value, number_format, message", [
    ("=1/0", None, "公式 =1/0 没有计算结果，请在 Excel 中打开并保存后重试"),
    (True, None, "应为数据，实际为逻辑值 TRUE"),
    ("#N/A", None, "单元格是 Excel 错误值 #N/A，应为有效数据"),
    (-5, "yyyy-mm-dd", "单元格设为日期格式，但其中的数值 -5 不是有效日期；请把单元格格式改为“常规”或“数值”，或重新输入日期"),
])
def test_a_special_cell_in_a_figure_column_gets_the_message_any_other_column_gives(tmp_path, value, number_format,
                                                                                   message):
    loaded = load(write(tmp_path, set_cell(department(), "绩效指标", "I2", value, number_format)))  # I2: 完成值
    assert [(p.place, p.message) for p in loaded.problems] == [("绩效指标!I2", message)]
