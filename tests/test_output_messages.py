"""output.py, by exact text: what a clerk reads when a file cannot be written, and the shortened names."""
import errno
import hashlib

import pytest
from generator.output import STEM_MAX, file_error, fitted_stem

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
