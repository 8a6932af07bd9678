"""An office's own template: made with `template new`, edited in Word, used by path or from a folder."""
from __future__ import annotations

import io
import zipfile

import builders
import pytest
from conftest import SAMPLES
from docx import Document
from docx_text import docx_text
from generator import load, render_docx
from generator.errors import UsageError
from generator.render.copy import copy_bytes
from generator.render.registry import available, from_path, registry, template_info
from generator.render.settings import properties_xml
from template_kit import copy_of, edited, invoke

SAMPLE_OF = {"provincial": "003-heshan-2024.xlsx", "prefecture": "002-xiangxi-2019-corrected.xlsx",
             "district": "000-tianxin-2020.xlsx", "evaluation": "001-yuelu-2020-corrected.xlsx",
             "project": "004-furong-2021.xlsx"}


def test_a_copy_edited_in_word_is_checked_and_renders_with_the_edit(workbook, tmp_path):
    made = invoke("template", "new", tmp_path / "县级.docx", "--from", "provincial")
    assert made.exit_code == 0, made.output
    mine = edited(tmp_path / "县级.docx", heading="一、单位概况（本县格式）", add=("本报告由{{ 单位名称 }}编制。",))
    checked = invoke("template", "check", mine)
    assert checked.exit_code == 0, checked.output
    assert "检查通过" in checked.output
    rendered = invoke(workbook(), "--template", mine, "-o", tmp_path / "out")
    assert rendered.exit_code == 0, rendered.output
    [docx] = (tmp_path / "out").glob("*.docx")
    text = docx_text(docx.read_bytes())
    assert "[Heading 1] 一、单位概况（本县格式）" in text
    assert "[Normal] 本报告由测试县商务局编制。" in text
    assert "一、部门（单位）基本情况" not in text


@pytest.mark.parametrize("name", sorted(SAMPLE_OF))
def test_a_copy_renders_the_same_document_as_its_builtin(name, tmp_path):
    """Blocks are written into the copy, which is what a render does with an include anyway."""
    info = registry()[name]
    data = copy_bytes(info)
    assert data == copy_bytes(info)  # the same source gives the same bytes
    assert b"blocks/" not in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    loaded = load(SAMPLES / SAMPLE_OF[name])
    builtin = zipfile.ZipFile(io.BytesIO(render_docx(loaded, info)))
    (tmp_path / "copy.docx").write_bytes(data)
    copied = zipfile.ZipFile(io.BytesIO(render_docx(loaded, from_path(tmp_path / "copy.docx"))))
    assert copied.read("word/document.xml") == builtin.read("word/document.xml")


def test_a_copy_carries_its_settings_inside(tmp_path):
    path = copy_of(tmp_path, "prefecture")
    info = from_path(path)
    builtin = registry()["prefecture"]
    assert (info.kind, info.report_unit, info.separators, info.file_suffix, info.sections) == \
        ("department", "元", True, "整体支出绩效评价报告", builtin.sections)
    assert info.name == "mine" and not info.builtin


def test_new_refuses_to_overwrite_without_force(tmp_path):
    copy_of(tmp_path)
    again = invoke("template", "new", tmp_path / "mine.docx", "--from", "district")
    assert again.exit_code == 1 and "已存在" in again.output
    assert from_path(tmp_path / "mine.docx").sections == registry()["provincial"].sections
    forced = invoke("template", "new", tmp_path / "mine.docx", "--from", "district", "--force")
    assert forced.exit_code == 0
    assert from_path(tmp_path / "mine.docx").sections == registry()["district"].sections
    assert invoke("template", "new", tmp_path / "mine.txt").exit_code == 2


def with_properties(path, **settings):
    """Rewrite the copy's custom properties to `settings` (the rest default), as Word's 属性 dialog would."""
    full = {"kind": "department", "report_unit": "万元", "separators": False, "file_suffix": "部门整体支出绩效自评报告",
            "sections": [], "description": ""} | settings
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for info, data in entries:
            z.writestr(info, properties_xml(full) if info.filename == "docProps/custom.xml" else data)
    return path


def test_settings_default_when_absent_and_sidecar_wins(tmp_path):
    plain = tmp_path / "plain.docx"
    Document().save(plain)
    info = from_path(plain)
    assert (info.kind, info.report_unit, info.separators, info.file_suffix) == \
        ("department", "万元", False, "部门整体支出绩效自评报告")
    path = with_properties(copy_of(tmp_path), report_unit="元", file_suffix="属性后缀")
    assert from_path(path).report_unit == "元"
    (tmp_path / "mine.toml").write_text('file_suffix = "旁边文件后缀"\nseparators = true\n', encoding="utf-8")
    info = from_path(path)
    assert (info.report_unit, info.file_suffix, info.separators) == ("元", "旁边文件后缀", True)


@pytest.mark.parametrize("sidecar,key", [('kind = "county"', "kind"), ('report_unit = "千元"', "report_unit"),
                                         ('separators = "maybe"', "separators"), ('colour = "red"', "colour"),
                                         ('sections = ["不存在的部分"]', "sections")])
def test_a_wrong_setting_is_a_usage_error_naming_key_and_file(tmp_path, sidecar, key):
    path = copy_of(tmp_path)
    (tmp_path / "mine.toml").write_text(sidecar + "\n", encoding="utf-8")
    with pytest.raises(UsageError) as err:
        from_path(path)
    assert key in str(err.value) and "mine.toml" in str(err.value)
    result = invoke(SAMPLES / "003-heshan-2024.xlsx", "--template", path, "-o", tmp_path / "out")
    assert result.exit_code == 2 and key in result.output and "Traceback" not in result.output


def test_a_wrong_property_names_the_docx(tmp_path):
    path = with_properties(copy_of(tmp_path), kind="县级")
    with pytest.raises(UsageError) as err:
        from_path(path)
    assert "“kind”应为 department 或 project，实际为“县级”" in str(err.value) and str(path) in str(err.value)


def test_a_folder_of_templates_is_listed_beside_the_builtins(tmp_path):
    folder = tmp_path / "本单位模板"
    folder.mkdir()
    copy_of(folder, "district", "县级.docx")
    (folder / "~$县级.docx").write_bytes(b"Word's lock file")
    listed = invoke("templates", "--template-dir", folder)
    assert listed.exit_code == 0, listed.output
    lines = listed.output.splitlines()
    assert [line.split()[0] for line in lines] == ["provincial", "project", "prefecture", "district", "evaluation", "县级"]
    assert "内置" in lines[0] and "本地" in lines[-1] and str(folder) in lines[-1]
    by_env = invoke("templates", env={"GENREPORT_TEMPLATE_DIR": str(folder)})
    assert by_env.output == listed.output
    assert template_info("县级", folder).path == (folder / "县级.docx").resolve()


def test_a_folder_template_may_not_take_a_builtin_name(tmp_path):
    copy_of(tmp_path, "district", "provincial.docx")
    with pytest.raises(UsageError, match="provincial.docx.*同名"):
        available(tmp_path)
    assert invoke("templates", "--template-dir", tmp_path).exit_code == 2


def test_unknown_template_or_missing_file_is_a_usage_error(tmp_path):
    assert invoke(SAMPLES / "003-heshan-2024.xlsx", "-t", "county", "-o", tmp_path).exit_code == 2
    missing = invoke(SAMPLES / "003-heshan-2024.xlsx", "-t", tmp_path / "无.docx", "-o", tmp_path)
    assert missing.exit_code == 2 and "模板文件不存在" in missing.output


def test_batch_gives_its_workers_the_folder_template(tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    mine = edited(copy_of(folder, "provincial", "县级.docx"), heading="一、本县格式的第一部分")
    (folder / "县级.toml").write_text('file_suffix = "县级格式报告"\n', encoding="utf-8")
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("甲局", "乙局"):
        data = builders.department()
        data["单位信息"][0]["单位名称"] = name
        builders.write(inputs / f"{name}.xlsx", data)
    result = invoke("batch", inputs, "-t", "县级", "-o", tmp_path / "out", "--workers", "2", "-q",
                    env={"GENREPORT_TEMPLATE_DIR": str(folder)})
    assert result.exit_code == 0, result.output
    made = sorted(p.name for p in (tmp_path / "out").glob("*.docx"))
    assert made == ["乙局-2024年度县级格式报告.docx", "甲局-2024年度县级格式报告.docx"]
    assert "一、本县格式的第一部分" in docx_text((tmp_path / "out" / made[0]).read_bytes())
    assert mine.exists()


def block(path, *paragraphs):
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(path)
    return path


def test_blocks_beside_the_template_come_before_the_builtin_ones(workbook, tmp_path):
    mine = edited(copy_of(tmp_path), add=('{%p include "blocks/本县附注" %}',))
    block(tmp_path / "blocks" / "本县附注.docx", "附注：{{ 单位名称 }}，{{ 年度 }} 年。")
    assert invoke("template", "check", mine).exit_code == 0
    text = docx_text(render_docx(load(workbook()), from_path(mine)))
    assert "附注：测试县商务局，2024 年。" in text
    copied = invoke("template", "new", tmp_path / "elsewhere" / "copy.docx", "--from", mine)
    assert copied.exit_code == 0, copied.output  # and the copy has the block written in: it works anywhere
    assert "附注：测试县商务局" in docx_text(render_docx(load(workbook()), from_path(tmp_path / "elsewhere" / "copy.docx")))


def test_a_missing_or_broken_block_is_named(workbook, tmp_path):
    missing = edited(copy_of(tmp_path), add=('{%p include "blocks/没有这个块" %}',))
    checked = invoke("template", "check", missing)
    assert checked.exit_code == 1 and "找不到要引入的块“blocks/没有这个块”" in checked.output
    result = invoke(workbook(), "-t", missing, "-o", tmp_path / "out")
    assert result.exit_code == 1 and "blocks/没有这个块" in result.output and "Traceback" not in result.output
    broken = edited(copy_of(tmp_path, name="b.docx"), add=('{%p include "blocks/坏块" %}',))
    block(tmp_path / "blocks" / "坏块.docx", "正常一段", "{% for x in 职能职责 %}{{ x }}")
    result = invoke(workbook(), "-t", broken, "-o", tmp_path / "out")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "blocks/坏块 第 2 段“{% for x in 职能职责 %}{{ x }}”" in result.output and "没有结束" in result.output


def test_a_project_template_without_a_suffix_names_files_as_project_reports(tmp_path):
    doc = Document()
    doc.add_paragraph("{{ 项目名称列表 }}")
    doc.save(tmp_path / "p.docx")
    (tmp_path / "p.toml").write_text('kind = "project"\n', encoding="utf-8")
    assert from_path(tmp_path / "p.docx").file_suffix == "项目支出绩效自评报告"
    result = invoke(SAMPLES / "004-furong-2021.xlsx", "-t", tmp_path / "p.docx", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["长沙市芙蓉区商务局-2021年度项目支出绩效自评报告.docx"]


def test_batch_resume_redoes_units_when_the_template_file_changed(workbook, tmp_path):
    mine = edited(copy_of(tmp_path), heading="一、第一版")
    src = workbook()
    first = invoke("batch", src, "-t", mine, "-o", tmp_path / "out", "-q")
    assert first.exit_code == 0, first.output
    [docx] = (tmp_path / "out").glob("*.docx")
    assert "一、第一版" in docx_text(docx.read_bytes())
    unchanged = invoke("batch", src, "-t", mine, "-o", tmp_path / "out", "-q", "--resume")
    assert unchanged.exit_code == 0 and "一、第一版" in docx_text(docx.read_bytes())
    edited(mine, heading="一、第二版")
    again = invoke("batch", src, "-t", mine, "-o", tmp_path / "out", "-q", "--resume")
    assert again.exit_code == 0, again.output
    assert "一、第二版" in docx_text(docx.read_bytes())


def test_folder_templates_work_wherever_a_template_is_named(workbook, tmp_path):
    folder = tmp_path / "tpl"
    copy_of(folder, "project", "项目模板.docx")
    env = {"GENREPORT_TEMPLATE_DIR": str(folder)}
    copied = invoke("template", "new", tmp_path / "二次修改.docx", "--from", "项目模板", env=env)
    assert copied.exit_code == 0, copied.output
    assert from_path(tmp_path / "二次修改.docx").kind == "project"
    assert invoke("template", "check", "项目模板", env=env).exit_code == 0
    wrong_kind = invoke("validate", workbook(), "--template", "项目模板", env=env)
    assert wrong_kind.exit_code == 1 and "需要项目支出工作簿" in wrong_kind.output
