"""rules_file.py by exact text: where a broken rules file is broken, and how values are quoted."""
import pytest
from generator.errors import UsageError
from generator.kinds.common.rules_file import MAX_DEPTH, read_toml, show


def fault(tmp_path, text: str) -> str:
    path = tmp_path / "规则.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(UsageError) as caught:
        read_toml(path)
    return str(caught.value).replace(f"规则文件 {path}", "FILE")


def test_deep_nesting_names_the_line_and_the_key_being_set(tmp_path):
    deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    assert fault(tmp_path, f'name = "x"\nRule_2.Limit-A = {deep}\n') == (
        f"FILE 第 2 行（键 Rule_2.Limit-A）：数组或表嵌套超过 {MAX_DEPTH} 层")
    # the key is on a line above the one that nests too deep
    assert fault(tmp_path, f"bands = [\n  {deep},\n]\n") == f"FILE 第 2 行（键 bands）：数组或表嵌套超过 {MAX_DEPTH} 层"
    # no key above at all: nothing in brackets
    assert fault(tmp_path, f"# 注释\n{deep}\n") == f"FILE 第 2 行：数组或表嵌套超过 {MAX_DEPTH} 层"


def test_a_syntax_error_is_given_as_line_and_column(tmp_path):
    assert fault(tmp_path, 'name = "x"\nweight = = 3\n') == "FILE 不是有效的 TOML：第 2 行第 10 列：Invalid value"


def test_a_number_too_long_to_convert_names_its_line(tmp_path):
    assert fault(tmp_path, f'name = "x"\n# 12\nweight = {"9" * 5000}\nother = 12\n') == "FILE 第 3 行：数字位数过多"
    assert fault(tmp_path, f'weight = {"9" * 5000}\n') == "FILE 第 1 行：数字位数过多"


@pytest.mark.parametrize("value, shown", [
    ({"a": 1}, "表"), ([1, 2], "数组"), (3, "3"), ("x" * 40, "x" * 40),
    ("y" * 41, "y" * 40 + "…（共 41 个字符）"),
])
def test_values_are_quoted_short(value, shown):
    assert show(value) == shown


@pytest.mark.parametrize("text, what", [('name = "abc', "Unterminated string"), ("bands = [1,", "Invalid value")])
def test_a_file_that_ends_inside_a_value_says_so(tmp_path, text, what):
    assert fault(tmp_path, text) == f"FILE 不是有效的 TOML：文件末尾：{what}（引号或括号未闭合？）"
