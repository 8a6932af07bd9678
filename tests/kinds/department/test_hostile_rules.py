"""Hostile scoring rules files (`--rules PATH`): each is a usage error (exit 2) naming the file and
the key path (or, for what tomllib refuses, the line), through every command that scores."""
import pytest
from hostile import check, department, invoke

HEAD = 'name = "测试"\n'
PERF = "[performance]\nweight = 90\n"


def rule(body: str, weight: str = "10") -> str:
    return f'{HEAD}[[rule]]\nindicator = "在职人员控制率"\nweight = {weight}\n{body}\n{PERF}'


CASES = {
    "nan weight": (rule('method = "ratio"', "nan"), ["rule[1].weight", "有限的数字"]),
    "inf limit": (rule('method = "over"\nlimit = inf\ndeduct = 1'), ["rule[1].limit", "有限的数字"]),
    "-inf band": (rule('method = "bands"\nbands = [{ upto = -inf, points = 1 }]'), ["rule[1].bands[1].upto"]),
    "nan target": (rule('method = "ratio"\ntarget = nan'), ["rule[1].target"]),
    "5000-digit integer": (rule('method = "ratio"', "9" * 5000), ["第 4 行", "数字位数过多"]),
    "4000-digit integer": (rule('method = "ratio"', "9" * 4000), ["rule[1].weight", "0 到 100"]),
    "huge exponent": (rule('method = "over"\nlimit = 1e999999\ndeduct = 1'), ["rule[1].limit"]),
    "too many digits": (rule('method = "over"\nlimit = 0.1234567890123456789\ndeduct = 1'),
                        ["rule[1].limit", "有效数字过多"]),
    "weight over 100": (rule('method = "ratio"', "150"), ["rule[1].weight", "0 到 100"]),
    "negative weight": (rule('method = "ratio"', "-10"), ["rule[1].weight", "正数"]),
    "step zero": (rule('method = "over"\nlimit = 100\nstep = 0\ndeduct = 1'), ["rule[1].step", "正数"]),
    "negative deduct": (rule('method = "over"\nlimit = 100\ndeduct = -1'), ["rule[1].deduct"]),
    "deep nesting": (HEAD + "x = " + "[" * 5000 + "]" * 5000 + "\n" + PERF, ["第 2 行", "键 x", "嵌套"]),
    "nesting in a value": (rule('method = "bands"\nbands = [[[[[1]]]]]'), ["rule[1].bands[1]"]),
    "weight as text": (rule('method = "ratio"', '"10"'), ["rule[1].weight", "应为数字"]),
    "weight as bool": (rule('method = "ratio"', "true"), ["rule[1].weight", "应为数字"]),
    "weight as table": (rule('method = "ratio"', "{ a = 1 }"), ["rule[1].weight", "应为数字"]),
    "name as number": ('name = 5\n[performance]\nweight = 100\n', ["name", "应为文字"]),
    "basis as array": (rule('method = "ratio"\nbasis = ["a"]'), ["rule[1].basis", "应为文字"]),
    "rule as table": (HEAD + '[rule]\nindicator = "在职人员控制率"\n' + PERF, ["rule", "[[rule]]"]),
    "performance as array": (HEAD + "performance = [1]\n", ["performance", "[performance]"]),
    "unknown top key": ('nmae = "x"\n[performance]\nweight = 100\n', ["nmae", "未知的键"]),
    "unknown rule key": (rule('method = "ratio"\ntraget = 90'), ["rule[1]", "traget"]),
    "unknown band key": (rule('method = "bands"\nbands = [{ upto = 1, pionts = 1 }]'), ["rule[1].bands[1]", "pionts"]),
    "method as number": (rule("method = 3"), ["rule[1].method", "3"]),
    "steps unknown": (rule('method = "over"\nlimit = 1\ndeduct = 1\nsteps = "half"'), ["rule[1].steps", "half"]),
    "syntax": ('name = "x"\nweight = = 3\n', ["第 2 行", "不是有效的 TOML"]),
    "not utf-8": (b"name = \"\xff\xfe\"\n", ["不是有效的 TOML", "UTF-8"]),
    "long text": (rule('method = "ratio"\nbasis = "' + "很" * 5000 + '"'), ["rule[1].basis", "过长"]),
}


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return department(tmp_path_factory.mktemp("rules") / "d.xlsx")


def write(tmp_path, body) -> str:
    path = tmp_path / "规则.toml"
    path.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    return str(path)


@pytest.mark.parametrize("case", CASES)
def test_hostile_rules_file_is_exit_2_naming_file_and_key(case, data, tmp_path):
    body, named = CASES[case]
    path = write(tmp_path, body)
    check(invoke("score", data, "--rules", path), 2, path, *named)


@pytest.mark.parametrize("command", ["render", "validate", "batch"])
def test_every_scoring_command_refuses_it_the_same_way(command, data, tmp_path):
    path = write(tmp_path, CASES["nan weight"][0])
    extra = {"render": ["-o", tmp_path / "out"], "validate": [], "batch": ["-t", "provincial", "-o", tmp_path / "out"]}
    check(invoke(command, data, "--rules", path, *extra[command]), 2, path, "rule[1].weight")
    assert not (tmp_path / "out").exists()


def test_a_huge_rules_file_is_refused_unread(data, tmp_path):
    path = write(tmp_path, HEAD + "# " + "x" * 2_000_000 + "\n" + "[performance]\nweight = 100\n")
    check(invoke("score", data, "--rules", path), 2, path, "超过上限")


def test_brackets_inside_strings_and_comments_are_not_nesting(data, tmp_path):
    body = rule('method = "ratio"\nbasis = "[[[[[[[[[[[[" # ]]]]]]]]]]]] {{{{{{{{{{{{{{').replace(
        "[performance]", "# [[[[[[[[[[[[[[[[[[[\n[performance]")
    check(invoke("score", data, "--rules", write(tmp_path, body)), 0)
