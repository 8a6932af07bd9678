"""Project rules files (kinds/project/rules.py) read by hand-written files: the weights, the name, and
every fault named with its key."""
from decimal import Decimal as D

import pytest
from generator.errors import UsageError
from generator.kinds.common.rules_file import RULES_DIR
from generator.kinds.project.rules import load_project_rules

WEIGHTS = '[weights]\n"预算执行率" = 20\n"产出指标" = 40\n"效益指标" = 30\n"满意度指标" = 10\n'


def write(tmp_path, body: str, name="本市项目.toml"):
    path = tmp_path / name
    path.write_text(body, "utf-8")
    return path


def fault(path) -> str:
    with pytest.raises(UsageError) as caught:
        load_project_rules(str(path))
    return str(caught.value)


@pytest.mark.parametrize("given", ["project-2020", "", None])
def test_the_default_is_the_2020_split(given):
    rules = load_project_rules(given) if given is not None else load_project_rules()
    assert rules.name == "财预〔2020〕10号" and rules.source == str(RULES_DIR / "project-2020.toml")
    assert rules.weights == {"预算执行率": D(10), "产出指标": D(50), "效益指标": D(30), "满意度指标": D(10)}


def test_a_file_of_its_own_gives_its_split_and_takes_its_name_from_the_file(tmp_path):
    path = write(tmp_path, 'kind = "project"\ndescription = "本市口径"\n' + WEIGHTS)
    rules = load_project_rules(str(path))
    assert (rules.name, rules.source) == ("本市项目", str(path))
    assert list(rules.weights.values()) == [D(20), D(40), D(30), D(10)]
    assert load_project_rules(str(write(tmp_path, 'name = "甲市"\nkind = "project"\n' + WEIGHTS))).name == "甲市"


def test_a_department_file_is_refused_saying_what_kind_it_is(tmp_path):
    path = write(tmp_path, WEIGHTS)
    assert fault(path) == (f"规则文件 {path}：kind 未写（这是部门整体支出的评分规则）：项目支出工作簿需要项目支出的评分规则"
                           "（kind = \"project\"），如 project-2020")
    path = write(tmp_path, 'kind = "部门"\n' + WEIGHTS)
    assert fault(path).startswith(f"规则文件 {path}：kind 为“部门”：项目支出工作簿需要")
    assert fault("hunan").startswith(f"规则文件 {RULES_DIR / 'hunan.toml'}：kind 未写")


@pytest.mark.parametrize("body, message", [
    ('kind = "project"\nweight = 1\n' + WEIGHTS, "顶层 有未知的键 weight；可用：description、kind、name、weights"),
    ('kind = "project"\ndescription = 5\n' + WEIGHTS, "顶层.description 应为文字（加引号），实际为“5”"),
    ('kind = "project"\nname = 5\n' + WEIGHTS, "顶层.name 应为文字（加引号），实际为“5”"),
    ('kind = "project"\n' + WEIGHTS.replace("= 20", "= 10"), "weights 各项合计为 90，应为 100"),
    ('kind = "project"\n' + WEIGHTS.replace("= 20", "= 101"), "weights.预算执行率 应在 0 到 100 之间，实际为 101"),
    ('kind = "project"\n' + WEIGHTS + '"其他" = 1\n', "weights 有未知的键 其他；可用：产出指标、效益指标、满意度指标、预算执行率"),
    ('kind = "project"\n', "weights.预算执行率 缺失"),
])
def test_faults_name_the_key(tmp_path, body, message):
    path = write(tmp_path, body)
    assert fault(path) == f"规则文件 {path}：{message}"
