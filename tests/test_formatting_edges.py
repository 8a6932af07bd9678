"""A report file's zip entries keep their names (output.fixed_zip_entry): Word finds word/document.xml by name."""
import zipfile

from generator.output import fixed_zip_entry


def test_a_fixed_entry_is_stored_under_the_name_given(tmp_path):
    path = tmp_path / "报告.docx"
    with zipfile.ZipFile(path, "w") as z:
        for name in ("[Content_Types].xml", "word/document.xml"):
            z.writestr(fixed_zip_entry(name), "<x/>")
    with zipfile.ZipFile(path) as z:
        assert z.namelist() == ["[Content_Types].xml", "word/document.xml"]
        assert z.read("word/document.xml") == b"<x/>"
