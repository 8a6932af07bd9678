"""What `batch --resume` trusts: a unit is skipped only when its input, its outputs and every setting
that changes a figure (template, rules, rules file content, whose scores) are as they were."""
from __future__ import annotations

import hashlib
import json
import shutil
from decimal import Decimal as D
from pathlib import Path

import builders
import pytest
from generator.batch import run_batch
from generator.batch.manifest import (STATE_DIR, Manifest, Placer, Settings, entry, from_entry, glob_escape, lock,
                                      remove_leftovers, unchanged)
from generator.batch.worker import Job, UnitResult
from generator.errors import Problem, Severity, UsageError
from generator.kinds.base import Options
from generator.kinds.common.rules_file import RULES_DIR


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def rules_file(tmp_path) -> Path:
    """A copy of the default rules, given by path as a user of another region would."""
    return Path(shutil.copy(RULES_DIR / "hunan.toml", tmp_path / "本地规则.toml"))


def stricter(path: Path) -> None:
    """预算完成率 loses 3 points (not 2) per 5 % short: the builders' workbook (96.67 %) scores less."""
    text = path.read_text("utf-8")
    assert text.count("deduct = 2\n") == 1
    path.write_text(text.replace("deduct = 2\n", "deduct = 3\n"), "utf-8")


# --- through run_batch, as `genreport batch --resume --rules FILE` ---------------------------------

def test_resume_redoes_every_unit_when_the_rules_file_given_by_path_is_edited(tmp_path, rules_file):
    inputs = tmp_path / "in"
    inputs.mkdir()
    builders.write(inputs / "a.xlsx")
    out = tmp_path / "out"
    options = Options(rules=str(rules_file))
    first = run_batch([inputs], "provincial", out, workers=1, options=options)
    assert first.ok
    again = run_batch([inputs], "provincial", out, workers=1, resume=True, options=options)
    assert [u.skipped for u in again.units] == [True]
    stricter(rules_file)
    edited = run_batch([inputs], "provincial", out, workers=1, resume=True, options=options)
    assert [u.skipped for u in edited.units] == [False]
    assert edited.units[0].score == first.units[0].score - D("0.67")  # 3.33 short: 2.00 off, not 1.33
    assert [u.skipped for u in run_batch([inputs], "provincial", out, workers=1, resume=True,
                                         options=options).units] == [True]


# --- Settings ------------------------------------------------------------------------------------

def test_settings_record_the_rules_file_content(rules_file):
    before = Settings.of("provincial", False, Options(rules=str(rules_file)))
    assert before.rules_sha256 == sha(rules_file.read_bytes())
    stricter(rules_file)
    after = Settings.of("provincial", False, Options(rules=str(rules_file)))
    assert after.rules_sha256 == sha(rules_file.read_bytes()) != before.rules_sha256
    assert not after.satisfied_by(as_entry(before))
    assert after.satisfied_by(as_entry(after))


def test_settings_of_a_rules_name_and_of_the_defaults():
    named = Settings.of("district", True, Options(rules="strict-example", keep_entered_scores=True))
    assert (named.template, named.pdf, named.rules, named.keep_entered_scores, named.rules_sha256) == (
        "district", True, "strict-example", True, "")
    default = Settings.of("provincial", False, object())  # an options object without the fields: the defaults
    assert (default.rules, default.keep_entered_scores) == ("hunan", False)


def as_entry(s: Settings, **changes) -> dict:
    e = {"template": s.template, "pdf": s.pdf, "rules": s.rules, "keep_entered_scores": s.keep_entered_scores,
         "rules_sha256": s.rules_sha256}
    e.update(changes)
    return e


@pytest.mark.parametrize("field, other", [("template", "district"), ("rules", "strict-example"),
                                          ("keep_entered_scores", True), ("rules_sha256", "ab" * 32)])
def test_an_entry_made_under_another_setting_does_not_satisfy(field, other):
    now = Settings("provincial", False)
    assert now.satisfied_by(as_entry(now))
    assert not now.satisfied_by(as_entry(now, **{field: other}))


def test_a_run_with_pdfs_serves_one_without_but_not_the_other_way():
    with_pdf, without = Settings("provincial", True), Settings("provincial", False)
    assert without.satisfied_by(as_entry(with_pdf))
    assert not with_pdf.satisfied_by(as_entry(without))
    assert with_pdf.satisfied_by(as_entry(with_pdf))


# --- unchanged -----------------------------------------------------------------------------------

@pytest.fixture
def finished(tmp_path):
    """An input and the two outputs an earlier run recorded for it."""
    src = tmp_path / "a.xlsx"
    src.write_bytes(b"workbook bytes")
    out = tmp_path / "out"
    out.mkdir()
    (out / "报告.docx").write_bytes(b"docx bytes")
    (out / "报告.pdf").write_bytes(b"pdf bytes")
    settings = Settings("provincial", True)
    e = as_entry(settings, ok=True, sha256=sha(b"workbook bytes"), outputs=["报告.docx", "报告.pdf"],
                 digests={"报告.docx": sha(b"docx bytes"), "报告.pdf": sha(b"pdf bytes")})
    return src, out, settings, e


def test_unchanged_when_input_outputs_and_settings_are_as_recorded(finished):
    src, out, settings, e = finished
    assert unchanged(e, src, settings, out)


def test_changed_input_is_redone(finished):
    src, out, settings, e = finished
    src.write_bytes(b"workbook bytes, edited")
    assert not unchanged(e, src, settings, out)


@pytest.mark.parametrize("name", ["报告.docx", "报告.pdf"])
def test_a_damaged_or_missing_output_is_redone(finished, name):
    src, out, settings, e = finished
    (out / name).write_bytes(b"truncated")
    assert not unchanged(e, src, settings, out)
    (out / name).unlink()
    assert not unchanged(e, src, settings, out)


def test_a_failed_unit_a_missing_entry_or_another_setting_is_redone(finished):
    src, out, settings, e = finished
    assert not unchanged(dict(e, ok=False), src, settings, out)
    assert not unchanged(None, src, settings, out)
    assert not unchanged({}, src, settings, out)
    assert not unchanged(e, src, Settings("district", True), out)


def test_a_vanished_input_is_redone_not_a_crash(finished):
    src, out, settings, e = finished
    src.unlink()
    assert not unchanged(e, src, settings, out)


# --- the manifest on disk -------------------------------------------------------------------------

def result(path: Path, **kw) -> UnitResult:
    base = dict(ok=True, unit="测试县商务局", year=2024, score=D("91.73"), grade="优", base="测试县商务局-2024年度",
                outputs=["测试县商务局-2024年度.docx"], digests={"测试县商务局-2024年度.docx": "d" * 64}, sha256="s" * 64,
                problems=[Problem("收入", "B2", "收入合计 …", Severity.WARNING)])
    base.update(kw)
    return UnitResult(path, **base)


def test_an_entry_saved_and_read_back_gives_the_same_result(tmp_path):
    src = tmp_path / "a.xlsx"
    settings = Settings("provincial", False, "hunan", True, "")
    m = Manifest(tmp_path / "out")
    m.save(Manifest.key(src), entry(result(src), settings, retired=["旧名-2024年度.docx"]))
    again = Manifest(tmp_path / "out")
    e = again.entries[Manifest.key(src)]
    assert settings.satisfied_by(e) and e["retired"] == ["旧名-2024年度.docx"] and e["input"] == str(src)
    back = from_entry(src, e)
    assert (back.input, back.ok, back.unit, back.year, back.score, back.grade, back.base) == (
        src, True, "测试县商务局", 2024, D("91.73"), "优", "测试县商务局-2024年度")
    assert back.outputs == ["测试县商务局-2024年度.docx"] and back.digests == {"测试县商务局-2024年度.docx": "d" * 64}
    assert back.sha256 == "s" * 64 and back.skipped and back.note == "输入未变，沿用上次的输出"
    assert back.problems == [Problem("收入", "B2", "收入合计 …", Severity.WARNING)]
    assert leftover_temps(tmp_path / "out") == []


def test_a_unit_without_a_score_keeps_none(tmp_path):
    src = tmp_path / "a.xlsx"
    e = entry(result(src, ok=False, score=None, grade=None, reason="输入有 1 个错误"), Settings("provincial", False))
    e = json.loads(json.dumps(e))
    back = from_entry(src, e)
    assert back.score is None and not back.ok and back.reason == "输入有 1 个错误"


def test_a_hand_broken_entry_is_ignored_and_the_others_are_read(tmp_path):
    m = Manifest(tmp_path)
    m.save("good", {"ok": True})
    (tmp_path / STATE_DIR / "units" / "broken.json").write_text("{not json", "utf-8")
    assert Manifest(tmp_path).entries == {"good": {"ok": True}}


def test_no_state_folder_means_no_entries(tmp_path):
    assert Manifest(tmp_path / "new").entries == {}


def test_the_key_is_the_input_path_wherever_it_is_given_from(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert Manifest.key(Path("a.xlsx")) == Manifest.key(tmp_path / "a.xlsx")
    assert Manifest.key(tmp_path / "a.xlsx") != Manifest.key(tmp_path / "b.xlsx")
    assert len(Manifest.key(tmp_path / "a.xlsx")) == 20


def leftover_temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.part"))


def test_leftovers_of_a_killed_run_are_removed_but_nothing_else(tmp_path):
    units = tmp_path / STATE_DIR / "units"
    units.mkdir(parents=True)
    (units / ".abc.json.x1.part").write_bytes(b"half")
    (tmp_path / ".汇总.xlsx.x2.part").write_bytes(b"half")
    (tmp_path / ".a[1]*.zip.x3.part").write_bytes(b"half")
    (tmp_path / "汇总.xlsx").write_bytes(b"whole")
    (tmp_path / "别人的.part").write_bytes(b"not ours")
    (tmp_path / "旧名.docx").write_bytes(b"retired")
    (tmp_path / "新名.docx").write_bytes(b"current")
    (tmp_path / "共用.docx").write_bytes(b"retired by one, owned by another")
    m = Manifest(tmp_path)
    m.entries = {"k1": {"outputs": ["新名.docx"], "retired": ["已删.docx", "旧名.docx", "共用.docx"]},  # 已删: gone before
                 "k2": {"outputs": ["共用.docx"]}, "k3": {}}  # k3: an entry edited by hand
    remove_leftovers(tmp_path, ["汇总.xlsx", "a[1]*.zip"], m)
    assert sorted(p.name for p in tmp_path.iterdir()) == [STATE_DIR, "共用.docx", "别人的.part", "新名.docx", "汇总.xlsx"]
    assert list(units.iterdir()) == []


def test_glob_escape_makes_wildcards_literal():
    assert glob_escape("a[1]*?.docx") == "a[[]1][*][?].docx"
    assert glob_escape("普通名称.docx") == "普通名称.docx"


def test_a_second_run_into_the_same_folder_is_refused(tmp_path):
    held = lock(tmp_path)
    try:
        with pytest.raises(UsageError) as caught:
            lock(tmp_path)
        assert str(tmp_path) in str(caught.value)
    finally:
        held.close()
    lock(tmp_path).close()  # released with the file


# --- names in DIR ---------------------------------------------------------------------------------

def staged(tmp_path: Path, name: str, data: bytes) -> tuple[Path, str]:
    f = tmp_path / "staging" / name
    f.parent.mkdir(exist_ok=True)
    f.write_bytes(data)
    return f, sha(data)


def test_two_inputs_asking_for_one_name_both_keep_a_report(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    m = Manifest(out)
    placer = Placer(out, m, Settings("provincial", False), [a, b], None)
    for i, (src, data) in enumerate(((a, b"from a"), (b, b"from b"))):
        res = result(src, base="同名单位-2024年度", staged=[staged(tmp_path, f"{i}.docx", data)])
        placer.place(Job(i, src, tmp_path / "staging" / str(i)), res)
    assert (out / "同名单位-2024年度.docx").read_bytes() == b"from a"
    assert (out / "同名单位-2024年度(2).docx").read_bytes() == b"from b"
    assert placer.results[1].note == "改名为 同名单位-2024年度(2).docx"
    assert m.entries[Manifest.key(b)]["outputs"] == ["同名单位-2024年度(2).docx"]
    assert m.entries[Manifest.key(b)]["digests"] == {"同名单位-2024年度(2).docx": sha(b"from b")}
    # a second run, b first this time: each input keeps its own name
    placer = Placer(out, Manifest(out), Settings("provincial", False), [b, a], None)
    res = result(b, base="同名单位-2024年度", staged=[staged(tmp_path, "2.docx", b"from b again")])
    placer.place(Job(0, b, tmp_path / "staging" / "2"), res)
    assert (out / "同名单位-2024年度(2).docx").read_bytes() == b"from b again"
    assert (out / "同名单位-2024年度.docx").read_bytes() == b"from a"


def test_a_renamed_unit_retires_its_old_report(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    a = tmp_path / "a.xlsx"
    m = Manifest(out)
    placer = Placer(out, m, Settings("provincial", False), [a], None)
    placer.place(Job(0, a, tmp_path / "s0"), result(a, base="旧名-2024年度", staged=[staged(tmp_path, "0.docx", b"old")]))
    placer = Placer(out, Manifest(out), Settings("provincial", False), [a], None)
    seen = []
    placer.progress = lambda res, done, total: seen.append((res.base, done, total))
    placer.place(Job(0, a, tmp_path / "s1"), result(a, base="新名-2024年度", staged=[staged(tmp_path, "1.docx", b"new")]))
    assert sorted(p.name for p in out.glob("*.docx")) == ["新名-2024年度.docx"]
    assert Manifest(out).entries[Manifest.key(a)]["retired"] == ["旧名-2024年度.docx"]
    assert seen == [("新名-2024年度", 1, 1)]


def test_an_entry_written_before_digests_were_recorded_is_redone_not_a_crash(finished, tmp_path):
    src, out, settings, e = finished
    old = {k: v for k, v in e.items() if k != "digests"}
    assert not unchanged(old, src, settings, out)
    e = entry(result(src), Settings("provincial", False))
    del e["digests"]
    assert from_entry(src, e).digests == {}


def test_a_name_stays_with_its_input_while_that_input_is_in_the_run_even_if_its_file_is_missing(tmp_path):
    # a killed run recorded a's entry but never moved its file: a still owns the name
    out = tmp_path / "out"
    out.mkdir()
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    m = Manifest(out)
    m.save(Manifest.key(a), entry(result(a, base="同名单位-2024年度", outputs=["同名单位-2024年度.docx"]),
                                  Settings("provincial", False)))
    m.save("hand-edited", {})
    placer = Placer(out, Manifest(out), Settings("provincial", False), [b, a], None)
    placer.place(Job(0, b, tmp_path / "s0"), result(b, base="同名单位-2024年度",
                                                    staged=[staged(tmp_path, "0.docx", b"from b")]))
    assert (out / "同名单位-2024年度(2).docx").read_bytes() == b"from b"
    assert not (out / "同名单位-2024年度.docx").exists()


def test_a_name_stays_with_an_input_not_in_this_run_while_its_file_is_there(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    a, c = tmp_path / "a.xlsx", tmp_path / "c.xlsx"
    m = Manifest(out)
    m.save(Manifest.key(a), entry(result(a, base="同名单位-2024年度", outputs=["同名单位-2024年度.docx"]),
                                  Settings("provincial", False)))
    (out / "同名单位-2024年度.docx").write_bytes(b"a's report")
    placer = Placer(out, Manifest(out), Settings("provincial", False), [c], None)
    placer.place(Job(0, c, tmp_path / "s0"), result(c, base="同名单位-2024年度",
                                                    staged=[staged(tmp_path, "0.docx", b"from c")]))
    assert (out / "同名单位-2024年度.docx").read_bytes() == b"a's report"
    assert (out / "同名单位-2024年度(2).docx").read_bytes() == b"from c"
    # once a's file is gone, its name is free for others
    (out / "同名单位-2024年度.docx").unlink()
    placer = Placer(out, Manifest(out), Settings("provincial", False), [tmp_path / "d.xlsx"], None)
    d = tmp_path / "d.xlsx"
    placer.place(Job(0, d, tmp_path / "s1"), result(d, base="同名单位-2024年度",
                                                    staged=[staged(tmp_path, "1.docx", b"from d")]))
    assert (out / "同名单位-2024年度.docx").read_bytes() == b"from d"


def test_a_report_that_cannot_be_moved_into_place_is_a_failed_unit_recorded_as_such(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    a = tmp_path / "a.xlsx"
    m = Manifest(out)
    placer = Placer(out, m, Settings("provincial", False), [a], None)
    file, digest = staged(tmp_path, "0.docx", b"report")
    file.unlink()  # e.g. the staging folder was cleaned away under the run
    placer.place(Job(0, a, tmp_path / "s0"), result(a, staged=[(file, digest)]))
    res = placer.results[0]
    assert not res.ok and res.reason == f"找不到“{file}”"
    assert [p.message for p in res.problems if p.severity is Severity.ERROR] == [res.reason]
    saved = Manifest(out).entries[Manifest.key(a)]
    assert saved["ok"] is False and saved["reason"] == res.reason
    assert not unchanged(saved, a, Settings("provincial", False), out)


def test_an_entry_written_by_a_pdf_run_serves_the_next_pdf_run(tmp_path):
    src = tmp_path / "a.xlsx"
    with_pdf = Settings("provincial", True, "hunan", True, "ab" * 32)
    assert with_pdf.satisfied_by(entry(result(src), with_pdf))
    assert Settings("provincial", False, "hunan", True, "ab" * 32).satisfied_by(entry(result(src), with_pdf))


def place(placer, tmp_path, index, src, base, data):
    res = result(src, base=base, staged=[staged(tmp_path, f"{index}-{base}.docx", data)])
    placer.place(Job(index, src, tmp_path / f"s{index}"), res)
    return res


def test_a_renamed_unit_frees_its_old_name_and_keeps_the_others_names(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    a, b, c, d = (tmp_path / f"{n}.xlsx" for n in "abcd")
    first = Placer(out, Manifest(out), Settings("provincial", False), [a, b], None)
    place(first, tmp_path, 0, a, "甲单位", b"a1")
    place(first, tmp_path, 1, b, "乙单位", b"b1")
    # next run: a is now called 丙单位; c and d are new and ask for 乙单位 and 甲单位
    second = Placer(out, Manifest(out), Settings("provincial", False), [a, c, b, d], None)
    place(second, tmp_path, 0, a, "丙单位", b"a2")
    place(second, tmp_path, 1, c, "乙单位", b"c")
    place(second, tmp_path, 2, b, "乙单位", b"b2")
    place(second, tmp_path, 3, d, "甲单位", b"d")
    assert {p.name: p.read_bytes() for p in out.glob("*.docx")} == {
        "丙单位.docx": b"a2", "乙单位.docx": b"b2", "乙单位(2).docx": b"c", "甲单位.docx": b"d"}


def test_a_renamed_unit_whose_old_report_is_already_gone_is_placed(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    a = tmp_path / "a.xlsx"
    place(Placer(out, Manifest(out), Settings("provincial", False), [a], None), tmp_path, 0, a, "旧名", b"old")
    (out / "旧名.docx").unlink()  # the user deleted it
    place(Placer(out, Manifest(out), Settings("provincial", False), [a], None), tmp_path, 1, a, "新名", b"new")
    assert [p.name for p in out.glob("*.docx")] == ["新名.docx"]


def test_a_failed_move_still_records_the_names_to_retire(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    a = tmp_path / "a.xlsx"
    place(Placer(out, Manifest(out), Settings("provincial", False), [a], None), tmp_path, 0, a, "旧名", b"old")
    placer = Placer(out, Manifest(out), Settings("provincial", False), [a], None)
    file, digest = staged(tmp_path, "1.docx", b"new")
    file.unlink()
    placer.place(Job(1, a, tmp_path / "s1"), result(a, base="新名", staged=[(file, digest)]))
    saved = Manifest(out).entries[Manifest.key(a)]
    assert saved["ok"] is False and saved["retired"] == ["旧名.docx"]


def test_a_folder_where_the_pdf_goes_keeps_the_docx_and_names_the_folder(tmp_path):
    out = tmp_path / "out"
    (out / "测试县商务局-2024年度.pdf").mkdir(parents=True)  # a folder of the report's name, not a file
    a = tmp_path / "a.xlsx"
    placer = Placer(out, Manifest(out), Settings("provincial", True), [a], None)
    files = [staged(tmp_path, "0.docx", b"report"), staged(tmp_path, "0.pdf", b"%PDF")]
    placer.place(Job(0, a, tmp_path / "s0"), result(a, staged=files))
    res = placer.results[0]
    target = out / "测试县商务局-2024年度.pdf"
    assert not res.ok and res.reason == f"“{target}”是一个文件夹，不能作为文件写入；请移走或改名该文件夹"
    assert res.outputs == ["测试县商务局-2024年度.docx"] and list(res.digests) == res.outputs
    assert (out / "测试县商务局-2024年度.docx").read_bytes() == b"report"
    assert Manifest(out).entries[Manifest.key(a)]["outputs"] == res.outputs


def test_a_file_where_the_state_folder_goes_is_named_with_the_output_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / STATE_DIR).write_text("not a folder")
    with pytest.raises(Exception) as caught:
        lock(out)
    assert str(caught.value) == (f"“{out / STATE_DIR}”是一个文件，不是文件夹，无法在其中写入“{out / STATE_DIR / 'lock'}”；"
                                 "请换一个输出文件夹")
