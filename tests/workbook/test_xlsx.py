"""The raw reader: exact numbers, dates, formulas without values, escaped control characters."""
import io
import zipfile
from datetime import datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook

from generator.errors import UnreadableWorkbook
from generator.workbook.xlsx import ErrorValue, FormulaWithoutValue, read_xlsx


def save(wb, path):
    wb.save(path)
    return path


def test_numbers_come_in_as_exact_decimals(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "S"
    ws["A1"] = 9406684.09
    ws["B1"] = 0.1
    ws["C1"] = "文字"
    got = read_xlsx(save(wb, tmp_path / "a.xlsx")).sheets["S"]
    assert got.cells[(1, 1)] == Decimal("9406684.09")
    assert got.cells[(1, 2)] == Decimal("0.1")
    assert got.cells[(1, 3)] == "文字"


def test_dates_formula_without_value_and_errors(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "S"
    ws["A1"] = datetime(2020, 6, 22)
    ws["A2"] = "=SUM(B1:B3)"
    ws["A3"] = "#DIV/0!"
    got = read_xlsx(save(wb, tmp_path / "a.xlsx")).sheets["S"]
    assert got.cells[(1, 1)] == datetime(2020, 6, 22)
    assert isinstance(got.cells[(2, 1)], FormulaWithoutValue)
    assert got.cells[(2, 1)].formula == "SUM(B1:B3)"
    assert got.cells[(3, 1)] == ErrorValue("#DIV/0!")


def test_control_characters_escaped_by_excel_are_restored(tmp_path):
    wb = Workbook()
    wb.active.title = "S"
    wb.active["A1"] = "前MARK后"
    buf = io.BytesIO()
    wb.save(buf)
    path = tmp_path / "ctrl.xlsx"
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, data.replace(b"MARK", b"_x0007_"))
    assert read_xlsx(path).sheets["S"].cells[(1, 1)] == "前\x07后"


def test_not_a_workbook_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("这不是表格")
    with pytest.raises(UnreadableWorkbook, match="这是文本文件.*不是可读取的 Excel 工作簿"):
        read_xlsx(bad)


def test_float_noise_is_cut_to_excels_15_digits(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "S"
    ws["A1"] = 83.74  # stored by openpyxl as 83.73999999999999
    ws["A2"] = 0.1 + 0.2
    got = read_xlsx(save(wb, tmp_path / "a.xlsx")).sheets["S"]
    assert got.cells[(1, 1)] == Decimal("83.74")
    assert got.cells[(2, 1)] == Decimal("0.3")


def test_damaged_workbooks_never_raise_anything_but_unreadable(tmp_path):
    import random

    from generator import load
    from conftest import SAMPLES

    original = (SAMPLES / "003-heshan-2024.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(original)) as z:
        entries = {i.filename: z.read(i.filename) for i in z.infolist()}
    rng = random.Random(7)
    for trial in range(40):
        damaged = dict(entries)
        name = rng.choice([n for n in entries if n.endswith(".xml")])
        data = bytearray(damaged[name])
        for _ in range(rng.randint(1, 5)):
            pos = rng.randrange(len(data))
            data[pos:pos + rng.randint(1, 30)] = bytes(rng.randrange(32, 127) for _ in range(rng.randint(0, 10)))
        damaged[name] = bytes(data)
        path = tmp_path / f"d{trial}.xlsx"
        with zipfile.ZipFile(path, "w") as z:
            for n, d in damaged.items():
                z.writestr(n, d)
        try:
            load(path)
        except UnreadableWorkbook:
            pass
    (tmp_path / "cut.xlsx").write_bytes(original[: len(original) // 2])
    with pytest.raises(UnreadableWorkbook):
        load(tmp_path / "cut.xlsx")


def test_bytes_already_read_are_used_instead_of_the_file(tmp_path):
    """The batch hashes a workbook's bytes and reads those same bytes: an edit after the read is not seen."""
    from conftest import SAMPLES
    from generator.workbook.xlsx import read_xlsx
    content = (SAMPLES / "003-heshan-2024.xlsx").read_bytes()
    gone = tmp_path / "已删除.xlsx"
    wb = read_xlsx(gone, content)
    assert wb.path == str(gone) and "单位信息" in wb.sheets
