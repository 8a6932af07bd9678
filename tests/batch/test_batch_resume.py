"""genreport batch --resume: unchanged inputs skipped, changed ones redone, and a SIGKILLed run continued."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import builders
from conftest import ROOT
from generator.batch import SUMMARY_NAME, Manifest, run_batch
from generator.pipeline import Options
from batch_support import copy, invoke, leftovers, pool, report, rows, text_of, unit  # noqa: F401


def test_resume_skips_unchanged_inputs_and_redoes_changed_ones(pool, tmp_path):
    src = copy(pool[:6], tmp_path / "in")
    out = tmp_path / "out"
    first = invoke(tmp_path / "in", "-t", "provincial", "-o", out, "--workers", "1", "--quiet")
    assert first.exit_code == 0, first.output
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.docx")}
    os.utime(src[0], None)  # touched, same bytes: still unchanged
    builders.write(src[1], unit("第01单位", 7))  # new figures, same name
    builders.write(src[2], unit("改名单位", 3))  # renamed: the old report goes
    (out / report("第04单位")).unlink()  # an output deleted: made again
    (out / report("第05单位")).write_bytes(b"truncated")  # an output damaged: made again
    time.sleep(0.01)
    result = run_batch([tmp_path / "in"], "provincial", out, workers=1, resume=True)
    assert result.ok
    assert [u.skipped for u in result.units] == [True, False, False, True, False, False]
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("*.docx")}
    assert after[report("第00单位")] == before[report("第00单位")]
    assert after[report("第03单位")] == before[report("第03单位")]
    assert after[report("第01单位")] != before[report("第01单位")]
    assert report("改名单位") in after and report("第02单位") not in after
    assert "第05单位" in text_of(out / report("第05单位"))
    assert [r["状态"] for r in rows(out / SUMMARY_NAME, "汇总")] == ["成功"] * 6
    # Other settings make other reports: nothing is skipped under another rules file.
    other = run_batch([tmp_path / "in"], "provincial", out, workers=1, resume=True, options=Options("strict-example"))
    assert not any(u.skipped for u in other.units)
    # Without --resume everything is done again.
    assert not any(u.skipped for u in run_batch([tmp_path / "in"], "provincial", out, workers=1).units)


def test_a_failed_unit_is_tried_again_on_resume(pool, tmp_path):
    copy(pool[:1], tmp_path / "in")
    bad = tmp_path / "in" / "坏.xlsx"
    bad.write_text("x", encoding="utf-8")
    out = tmp_path / "out"
    assert not run_batch([tmp_path / "in"], "provincial", out, workers=1).ok
    builders.write(bad, unit("修好单位"))
    again = run_batch([tmp_path / "in"], "provincial", out, workers=1, resume=True)
    assert again.ok and [u.skipped for u in again.units] == [True, False]
    assert (out / report("修好单位")).is_file()


def test_a_killed_run_resumes_where_it_stopped(pool, tmp_path):
    copy(pool, tmp_path / "in")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "generator.cli", "batch", str(tmp_path / "in"), "-t", "provincial",
           "-o", str(out), "--workers", "2", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    units = out / ".genreport" / "units"
    deadline = time.monotonic() + 60
    while not (units.is_dir() and len(list(units.glob("*.json"))) >= 6) and time.monotonic() < deadline:
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)  # the command and its workers, as the OOM killer or a power cut would
    proc.wait()
    assert not (out / SUMMARY_NAME).exists(), "the run ended before it could be killed"

    # Whatever is in DIR after the kill is whole, and is explained by an entry with its digest.
    survivors = {p.name: p.stat() for p in out.glob("*.docx")}
    entries = Manifest(out).entries
    recorded = {n: e["digests"][n] for e in entries.values() for n in e["outputs"]}
    assert set(survivors) <= set(recorded) and 6 <= len(entries) < len(pool)
    for name in survivors:
        text_of(out / name)
    finished = {k for k, e in entries.items() if all(n in survivors for n in e["outputs"])}

    result = invoke(tmp_path / "in", "-t", "provincial", "-o", out, "--workers", "2", "--resume", "--quiet")
    assert result.exit_code == 0, result.output
    assert f"其中 {len(finished)} 个未变" in result.stdout
    names = sorted(p.name for p in out.glob("*.docx"))
    assert names == sorted(report(f"第{i:02d}单位") for i in range(len(pool)))  # each once, no "(2)"
    # Rendered once across the two runs: what the first run finished was not written again.
    for name, stat in survivors.items():
        now = (out / name).stat()
        assert (now.st_ino, now.st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns), name
    for name in names:
        assert name.split("-")[0] in text_of(out / name)
    entries = Manifest(out).entries
    assert len(entries) == len(pool) and all(e["ok"] for e in entries.values())
    assert not leftovers(out)
    assert [r["状态"] for r in rows(out / SUMMARY_NAME, "汇总")] == ["成功"] * len(pool)


def test_a_run_killed_while_recording_leaves_no_temp_files_behind(pool, tmp_path):
    """The debris a kill can leave (a half-written entry, summary or archive) goes at the next start."""
    copy(pool[:2], tmp_path / "in")
    out = tmp_path / "out"
    run_batch([tmp_path / "in"], "provincial", out, workers=1)
    debris = [out / ".genreport" / "units" / ".abc.json.x1y2z3.part", out / f".{SUMMARY_NAME}.k2j3h4.part",
              out / ".out.zip.a1b2c3.part", out / ".genreport" / "staging" / "123-456" / "00001.docx"]
    for p in debris:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"half")
    kept = out / ".mine.part"  # not ours: left alone
    kept.write_bytes(b"x")
    result = run_batch([tmp_path / "in"], "provincial", out, workers=1, resume=True)
    assert result.ok and all(u.skipped for u in result.units)
    assert not any(p.exists() for p in debris) and kept.exists()
    assert json.loads(next((out / ".genreport" / "units").glob("*.json")).read_text("utf-8"))["ok"]
