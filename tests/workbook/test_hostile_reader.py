"""Hostile and broken inputs for the reader, generated in code: each through `genreport validate` and the
render command, asserting the exit code, no traceback, and a message naming its place (sheet and cell,
or the file). Families: what the file is, the package, the caps, cells, text, numbers, layout."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import pytest
from click.testing import CliRunner

from generator.cli import main
from test_xlsx_formats import CT, bomb, ole2, one_sheet
from xlsx_kit import (STRICT, TRANSITIONAL, department, edit, entries, raw_value, rewrite, set_cell, sheet_part,
                      zipped)


@dataclass
class Case:
    id: str
    build: Callable[[], bytes] | None  # None: built into the path by `write` (large files)
    exit: int  # 1: refused or problems; 0: accepted
    says: tuple[str, ...]  # in the output; "{path}" stands for the workbook's path
    write: Callable | None = None


def raw_cell(sheet: str, ref: str, c_xml: str) -> Callable[[], bytes]:
    """The department workbook with cell `ref` of `sheet` replaced by `c_xml` (a whole <c> element)."""
    def build():
        content = set_cell(department(), sheet, ref, 424242)
        return rewrite(content, lambda d: re.sub(rb'<c r="' + ref.encode() + rb'"[^>]*><v>424242</v></c>',
                                                 c_xml.encode(), d), sheet_part(content, sheet))
    return build


def text_with(sheet: str, ref: str, escape: str) -> Callable[[], bytes]:
    """A text cell holding a character written as Excel escapes it (_xHHHH_)."""
    def build():
        return rewrite(set_cell(department(), sheet, ref, "前MARK后"), lambda d: d.replace(b"MARK", escape.encode()))
    return build


def typed(sheet: str, ref: str, value, fmt: str | None = None) -> Callable[[], bytes]:
    return lambda: set_cell(department(), sheet, ref, value, fmt)


def number_text(sheet: str, ref: str, text: str, fmt: str | None = None) -> Callable[[], bytes]:
    return lambda: raw_value(set_cell(department(), sheet, ref, 424242, fmt), sheet, ref, text)


def strict() -> bytes:
    return rewrite(department(), lambda d: d.replace(TRANSITIONAL, STRICT).replace(
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships"))


def without_r(rows_too: bool) -> Callable[[], bytes]:
    def build():
        content = department()
        strip = (lambda d: re.sub(rb'<row r="\d+"', b"<row", re.sub(rb'(<c) r="[A-Z]+\d+"', rb"\1", d))) if rows_too \
            else (lambda d: re.sub(rb'(<c) r="[A-Z]+\d+"', rb"\1", d))
        return rewrite(content, strip, sheet_part(content, "支出和结余"))
    return build


def sheet_xml_broken() -> bytes:
    content = department()
    return rewrite(content, lambda d: d.replace(b"<sheetData>", b"<sheetData><row r=\"1\"><c r=\"A1\"<", 1),
                   sheet_part(content, "收入"))


def without_workbook_part() -> bytes:
    parts = entries(department())
    del parts["xl/workbook.xml"]
    return zipped(parts)


def without_sheet_part() -> bytes:
    content = department()
    parts = entries(content)
    del parts[sheet_part(content, "评价人员")]
    return zipped(parts)


def entity(kind: str) -> Callable[[], bytes]:
    doctype = {"xxe": b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
               "laughs": b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                         b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
                         b'<!ENTITY f "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">'
                         b'<!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>'}[kind]
    use = b"&e;" if kind == "xxe" else b"&i;"

    def build():
        content = set_cell(department(), "职能职责", "A2", "MARK")
        part = sheet_part(content, "职能职责")
        return rewrite(content, lambda d: doctype + d.replace(b"MARK", use), part)
    return build


def merged_group() -> bytes:
    def change(wb):
        wb["绩效指标"]["B4"] = None
        wb["绩效指标"].merge_cells("B3:B4")
    return edit(department(), change)


def hidden_text_copy(copies: int) -> Callable[[], bytes]:
    def change(wb):
        for n in range(2, 2 + copies):
            wb.copy_worksheet(wb["文字"]).title = f"文字 ({n})"
        wb["文字"].sheet_state = "hidden"
    return lambda: edit(department(), change)


def title_row() -> bytes:
    def change(wb):
        wb["支出和结余"].insert_rows(1)
        wb["支出和结余"]["A1"] = "支出和结余情况表"
    return edit(department(), change)


def header(sheet: str, ref: str, escape: str) -> Callable[[], bytes]:
    def build():
        return rewrite(set_cell(department(), sheet, ref, "MARK收入合计"), lambda d: d.replace(b"MARK", escape.encode()))
    return build


def big_sheet(ref: str) -> Callable[[], bytes]:
    return lambda: one_sheet(f'<row r="1"><c r="A1"><v>1</v></c></row><row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}">'
                             f'<c r="{ref}"><v>2</v></c></row>')


def huge_merge() -> bytes:
    return one_sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="90000"><c r="Z90000"><v>1</v></c></row>',
                     '<mergeCells><mergeCell ref="A1:Z90000"/></mergeCells>')


def write_bomb(path) -> None:
    bomb(path, 60)


PATH = "{path}"
CASES = [
    # what the file is
    Case("empty-file", lambda: b"", 1, (PATH, "文件是空的")),
    Case("csv-renamed", lambda: "单位名称,年度\n测试局,2024\n".encode("gbk"), 1, (PATH, "这是文本文件")),
    Case("html-export", lambda: b"<html><body><table><tr><td>1</td></tr></table></body></html>", 1,
         (PATH, "网页或 XML 格式的表格")),
    Case("xml-spreadsheet-2003", lambda: b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
         1, (PATH, "网页或 XML 格式的表格")),
    Case("pdf-renamed", lambda: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", 1, (PATH, "这是 PDF 文件")),
    Case("xls-renamed", lambda: ole2("Root Entry", "Workbook"), 1,
         (PATH, "这是旧版 Excel 97-2003 (.xls) 文件，请在 Excel/WPS 中另存为 .xlsx")),
    Case("password-protected", lambda: ole2("Root Entry", "EncryptionInfo", "EncryptedPackage"), 1,
         (PATH, "工作簿设有打开密码，无法读取；请在 Excel 或 WPS 中去掉密码")),
    Case("doc-renamed", lambda: ole2("Root Entry", "WordDocument"), 1, (PATH, "旧版 Word")),
    Case("docx-renamed", lambda: zipped({"[Content_Types].xml": CT, "word/document.xml": b"<w:document/>"}), 1,
         (PATH, "这是 Word 文档（.docx）")),
    Case("ods-renamed", lambda: zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                                        "content.xml": b"<office:document-content/>"}), 1, (PATH, "OpenDocument")),
    Case("xlsb-renamed", lambda: zipped({"[Content_Types].xml": CT, "xl/workbook.bin": b"\0\0"}), 1, (PATH, ".xlsb")),
    Case("plain-zip", lambda: zipped({"报表/说明.txt": "说明".encode()}), 1, (PATH, "是 zip 压缩包，但不是 Excel 工作簿")),
    Case("truncated", lambda: department()[:len(department()) // 2], 1, (PATH, "文件不完整或已损坏")),
    Case("zip-header-only", lambda: b"PK\x03\x04" + b"\0" * 26, 1, (PATH, "文件不完整或已损坏")),
    # the package
    Case("no-workbook-part", without_workbook_part, 1, (PATH, "缺少工作簿主体（xl/workbook.xml）")),
    Case("sheet-part-missing", without_sheet_part, 1, ("缺少工作表“评价人员”",)),
    Case("sheet-xml-broken", sheet_xml_broken, 1, (PATH, "工作簿内容已损坏")),
    Case("external-entity", entity("xxe"), 1, (PATH, "工作簿内容已损坏")),
    Case("billion-laughs", entity("laughs"), 1, (PATH, "工作簿内容已损坏")),
    Case("strict-open-xml", strict, 0, ("检查通过",)),
    Case("cells-without-r", without_r(rows_too=False), 0, ("检查通过",)),
    Case("rows-and-cells-without-r", without_r(rows_too=True), 0, ("检查通过",)),
    # the caps
    Case("shared-strings-bomb", None, 1, (PATH, "xl/sharedStrings.xml 解压后超过 50 MB"), write=write_bomb),
    Case("row-past-cap", big_sheet("A100001"), 1, (PATH, "A100001 超出可读取的范围（最多 100000 行")),
    Case("column-past-cap", big_sheet("ALN1"), 1, (PATH, "ALN1 超出可读取的范围")),
    Case("merge-past-cap", huge_merge, 1, (PATH, "合并单元格过大（A1:Z90000）")),
    # cells
    Case("float-past-precision", number_text("收入", "C3", "1.2345678901234568E+30"), 1, ("收入!C3", "超出可处理的范围")),
    Case("thirty-digit-integer", number_text("绩效指标", "H3", "123456789012345678901234567890"), 1,
         ("绩效指标!H3", "超出可处理的范围")),
    Case("number-text-nan", number_text("收入", "D3", "NaN"), 1, ("收入!D3", "无效数字")),
    Case("number-text-garbage", number_text("收入", "D3", "12abc"), 1, ("收入!D3", "无效数字")),
    Case("number-past-excel", number_text("收入", "D3", "1E+999999"), 1, ("收入!D3", "无效数字")),
    Case("date-format-huge", number_text("支出和结余", "C3", "1E+30", "yyyy-mm-dd"), 1, ("支出和结余!C3", "不是有效日期")),
    Case("date-format-negative", number_text("支出和结余", "D3", "-7", "yyyy-mm-dd"), 1, ("支出和结余!D3", "不是有效日期")),
    Case("date-format-money", typed("支出和结余", "E3", 45000, "yyyy-mm-dd"), 1, ("支出和结余!E3", "实际为日期")),
    Case("shared-string-missing", raw_cell("收入", "A3", '<c r="A3" t="s"><v>99999</v></c>'), 1,
         ("收入!A3", "共享文字（编号 99999）不存在")),
    Case("bad-iso-date", raw_cell("收入", "C3", '<c r="C3" t="d"><v>2024-02-30</v></c>'), 1, ("收入!C3", "不是有效日期")),
    Case("bad-boolean", raw_cell("收入", "C3", '<c r="C3" t="b"><v>7</v></c>'), 1, ("收入!C3", "逻辑值“7”无效")),
    Case("unknown-cell-type", raw_cell("收入", "C3", '<c r="C3" t="zz"><v>1</v></c>'), 1, ("收入!C3", "未知的单元格类型")),
    Case("formula-without-value", raw_cell("收入", "C3", '<c r="C3"><f>D3+E3</f></c>'), 1, ("收入!C3", "没有计算结果")),
    Case("error-value", raw_cell("收入", "C3", '<c r="C3" t="e"><v>#REF!</v></c>'), 1, ("收入!C3", "#REF!")),
    # text Word cannot hold
    Case("text-ufffe", text_with("职能职责", "A2", "_xFFFE_"), 1, ("职能职责!A2", "U+FFFE")),
    Case("text-uffff", text_with("年度主要工作", "A2", "_xFFFF_"), 1, ("年度主要工作!A2", "U+FFFF")),
    Case("text-lone-surrogate", text_with("职能职责", "A3", "_xD800_"), 1, ("职能职责!A3", "U+D800")),
    Case("text-control", text_with("文字", "B2", "_x0001_"), 1, ("文字!B2", "U+0001")),
    Case("header-surrogate", header("收入", "B1", "_xDC00_"), 1, ("收入!B1", "[U+DC00]收入合计")),
    # numbers as typed
    Case("comma-not-thousands", typed("收入", "C3", "2,0"), 1, ("收入!C3", "千位分隔符应每三位一组")),
    Case("full-width-digits", typed("收入", "D3", "１７０"), 0, ("检查通过",)),
    Case("grouped-thousands", typed("收入", "D3", "170.00"), 0, ("检查通过",)),
    Case("minus-zero", typed("收入", "F3", "-0"), 0, ("检查通过",)),
    # layout
    Case("title-row", title_row, 1, ("支出和结余!A1", "表头必须在第 1 行", "第 2 行看起来是表头")),
    Case("merged-group", merged_group, 0, ("检查通过",)),
    Case("hidden-original-visible-copy", hidden_text_copy(1), 0, ("文字 (2)", "隐藏的工作表“文字”未读取", "检查通过")),
    Case("hidden-original-two-copies", hidden_text_copy(2), 1, ("“文字 (2)”、“文字 (3)”", "不知道该读哪一个")),
    # 指标值 / 完成值
    Case("target-with-relation-and-percent", typed("绩效指标", "H5", "≥95%"), 0, ("检查通过",)),
    Case("actual-percent-cell", typed("绩效指标", "I5", 0.96, "0%"), 0, ("检查通过",)),
    Case("actual-hundredth-of-target", typed("绩效指标", "I5", 0.96), 0, ("绩效指标!I5", "相差约 100 倍")),
    Case("target-relation-contradicts", typed("绩效指标", "H5", "≤95"), 1, ("绩效指标!H5", "与指标性质“≥”不一致")),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    paths = {}
    for case in CASES:
        path = folder / f"{case.id}.xlsx"
        if case.write:
            case.write(path)
        else:
            path.write_bytes(case.build())
        paths[case.id] = path
    return paths


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "内部错误" not in result.output
    return result


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40 and len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_validate(case, built):
    path = built[case.id]
    result = run("validate", path)
    assert result.exit_code == case.exit, result.output
    for said in case.says:
        assert said.replace(PATH, str(path)) in result.output, result.output


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_render(case, built, tmp_path):
    path = built[case.id]
    result = run("render", path, "-o", tmp_path)
    assert result.exit_code == case.exit, result.output
    written = list(tmp_path.glob("*.docx"))
    if case.exit:
        assert written == []
        places = [s.replace(PATH, str(path)) for s in case.says if "!" in s or s == PATH]
        assert all(p in result.output for p in places), result.output
    else:
        assert len(written) == 1 and str(written[0]) in result.output
