"""output.py, by exact text: what a clerk reads when a file cannot be written, and the shortened names."""
import errno
import hashlib
from pathlib import Path

import pytest
from generator.output import STEM_MAX, check_free, file_error, fitted_stem, safe_filename, write_atomic_with

TAIL = "-2024年度部门整体支出绩效自评报告"


def stem_of(head: str) -> str:
    stem = fitted_stem(head, TAIL)
    assert len(stem.encode("utf-8")) <= STEM_MAX and stem.endswith(TAIL)
    return stem


def mark(head: str) -> str:
    return "…" + hashlib.sha256(head.encode("utf-8")).hexdigest()[:8]


def room(head: str) -> int:
    """Bytes left for the head once the mark and the tail are in."""
    return STEM_MAX - len(TAIL.encode()) - len(mark(head).encode())


def test_a_long_name_with_characters_windows_refuses_is_cut_after_they_are_replaced():
    head = "局/" * 100  # each / becomes _, one byte as it was
    n = room(head)
    assert stem_of(head) == ("局_" * 100).encode()[:n].decode("utf-8", "ignore") + mark(head) + TAIL


def test_invisible_characters_are_dropped_before_the_name_is_cut():
    head = "商务\u200b局" * 40
    kept = ("商务局" * 40).encode()[:room(head)].decode("utf-8", "ignore")
    assert stem_of(head) == kept + mark(head) + TAIL


@pytest.mark.parametrize("filler", [".", " ", ". "])
def test_a_cut_never_leaves_dots_or_spaces_before_the_mark(filler):
    head = "A" * 150 + filler * 200
    assert stem_of(head) == "A" * 150 + mark(head) + TAIL


def test_letters_at_the_cut_are_kept():
    head = "X" * 400
    assert stem_of(head) == "X" * room(head) + mark(head) + TAIL


# ------------------------------------------------------------------ file_error, word for word

def test_no_permission_while_writing_says_the_file_may_be_open_in_word(tmp_path):
    target = tmp_path / "报告.docx"
    assert str(file_error(OSError(errno.EACCES, "Permission denied"), target, "写入")) == (
        f"没有权限写入“{target}”；若该文件正在 Word 或 WPS 中打开，请先关闭；否则请检查文件和文件夹的权限，或换一个文件夹")
    assert str(file_error(OSError(errno.EACCES, "Permission denied"), target, "读取")) == (
        f"没有权限读取“{target}”；请检查文件和文件夹的权限，或换一个文件夹")
    assert str(file_error(OSError(errno.EPERM, "Operation not permitted"), target)) == (
        f"没有权限访问“{target}”；请检查文件和文件夹的权限，或换一个文件夹")  # 访问 when no action is given


def test_an_error_with_no_file_to_name_says_what_failed():
    assert str(file_error(BrokenPipeError(errno.EPIPE, "Broken pipe"))) == "访问文件时出错：Broken pipe"
    assert str(file_error(OSError("no code"), None, "写入")) == "写入文件时出错：no code"


def test_another_error_gives_the_systems_words(tmp_path):
    target = tmp_path / "报告.docx"
    assert str(file_error(OSError(errno.EIO, "Input/output error"), target, "写入")) == (
        f"无法写入“{target}”：Input/output error")
    assert str(file_error(OSError(errno.EIO, None), target, "写入")) == f"无法写入“{target}”：[Errno 5] None"


def test_a_file_standing_where_a_folder_should_be(tmp_path):
    (tmp_path / "file").write_text("x")
    deep = tmp_path / "file" / "a" / "b.docx"
    assert str(file_error(OSError(errno.ENOTDIR, "Not a directory"), deep, "写入")) == (
        f"“{tmp_path / 'file'}”是一个文件，不是文件夹，无法在其中写入“{deep}”；请换一个输出文件夹")
    itself = tmp_path / "file"
    assert str(file_error(OSError(errno.EEXIST, "File exists"), itself, "写入")) == (
        f"“{itself}”是一个文件，不是文件夹；请换一个输出文件夹")


def test_a_system_error_without_a_path_given_names_the_file_of_the_error():
    assert str(file_error(OSError(errno.EACCES, "Permission denied", "/某处/模板.docx"), None, "读取")) == (
        "没有权限读取“/某处/模板.docx”；请检查文件和文件夹的权限，或换一个文件夹")


# ------------------------------------------------------------------ shortened names at their edges

def test_a_name_of_exactly_the_longest_size_is_kept_whole():
    head = "A" * (STEM_MAX - len(TAIL.encode()))
    assert fitted_stem(head, TAIL) == head + TAIL


def test_a_tail_with_characters_windows_refuses_is_made_safe_before_the_head_is_cut():
    tail = "-2024年度/报告\u200b"
    head = "局" * 100
    kept = STEM_MAX - len("-2024年度_报告".encode()) - len(mark(head).encode())
    assert fitted_stem(head, tail) == ("局" * 100).encode()[:kept].decode("utf-8", "ignore") + mark(head) + "-2024年度_报告"


def test_a_head_with_a_lone_surrogate_is_cut_without_error():
    head = "局" * 100 + "\ud800"
    stem = fitted_stem(head, TAIL)
    assert stem.endswith(TAIL) and "…" + hashlib.sha256(head.encode("utf-8", "surrogatepass")).hexdigest()[:8] in stem


def test_twelve_bytes_of_the_head_are_enough_and_eleven_are_not():
    head = "A" * 50
    fits = "B" * (STEM_MAX - len(mark(head).encode()) - 12)  # leaves 12 bytes for the head
    assert fitted_stem(head, fits) == "A" * 12 + mark(head) + fits
    with pytest.raises(Exception, match="报告文件名过长"):
        fitted_stem(head, fits + "B")


@pytest.mark.parametrize("name, safe", [
    ("CON .docx", "_CON .docx"),  # Windows ignores trailing spaces: still the device
    ("CONX .docx", "CONX .docx"),
    ("CON\u3000.docx", "CON\u3000.docx"),  # an ideographic space is a character of the name
])
def test_reserved_device_names_with_spaces(name, safe):
    assert safe_filename(name) == safe


# ------------------------------------------------------------------ check_free and write_atomic_with

def test_a_folder_in_the_way_is_named_on_the_error(tmp_path):
    (tmp_path / "报告.docx").mkdir()
    with pytest.raises(Exception) as caught:
        check_free(tmp_path / "报告.docx", force=True)
    assert caught.value.path == str(tmp_path / "报告.docx")
    assert str(caught.value) == f"“{tmp_path / '报告.docx'}”是一个文件夹，报告文件无法写在这里；请移走或改名该文件夹"


def test_a_target_that_cannot_be_looked_at_is_named_for_writing(tmp_path, monkeypatch):

    def refuse(self):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))
    monkeypatch.setattr(Path, "is_dir", refuse)
    target = tmp_path / "报告.docx"
    with pytest.raises(Exception) as caught:
        check_free(target, force=False)
    assert str(caught.value) == (f"没有权限写入“{target}”；若该文件正在 Word 或 WPS 中打开，请先关闭；"
                                 "否则请检查文件和文件夹的权限，或换一个文件夹")


def failing_with(exc):
    def fill(fh):
        fh.write(b"half")
        raise exc
    return fill


def test_a_file_the_writer_reads_is_named_for_reading(tmp_path):
    target = tmp_path / "报告.docx"
    with pytest.raises(Exception) as caught:
        write_atomic_with(target, failing_with(PermissionError(errno.EACCES, "Permission denied", "/别处/图.png")))
    assert str(caught.value) == "没有权限读取“/别处/图.png”；请检查文件和文件夹的权限，或换一个文件夹"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("names", ["target", "temporary", "two files"])
def test_an_error_about_the_report_itself_is_named_for_writing(tmp_path, names):
    target = tmp_path / "报告.docx"

    def fill(fh):
        [part] = tmp_path.glob(".报告.docx.*.part")
        filename, filename2 = {"target": (str(target), None), "temporary": (str(part), None),
                               "two files": ("/别处/a", "/别处/b")}[names]
        raise PermissionError(errno.EACCES, "Permission denied", filename, None, filename2)
    with pytest.raises(Exception) as caught:
        write_atomic_with(target, fill)
    assert str(caught.value) == (f"没有权限写入“{target}”；若该文件正在 Word 或 WPS 中打开，请先关闭；"
                                 "否则请检查文件和文件夹的权限，或换一个文件夹")
    assert list(tmp_path.iterdir()) == []
