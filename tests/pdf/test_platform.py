"""The PDF step and the batch lock on Windows and macOS, with the platform faked (CI runs on Linux):
where LibreOffice is looked for, how its process tree is started and ended."""
import ntpath
import os
import signal
import subprocess
import sys

import pytest
from generator.pdf import office


@pytest.fixture
def nothing_on_path(monkeypatch):
    monkeypatch.delenv(office.SOFFICE_ENV, raising=False)
    monkeypatch.setattr(office.shutil, "which", lambda name, *a, **k: None)


def installed(monkeypatch, *places):
    """os.access says yes for these paths only."""
    monkeypatch.setattr(office.os, "access", lambda path, mode: str(path) in places)


def test_windows_finds_soffice_under_program_files(nothing_on_path, monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("ProgramFiles", r"D:\Programs")
    monkeypatch.delenv("ProgramW6432", raising=False)
    monkeypatch.setenv("ProgramFiles(x86)", r"D:\Programs (x86)")
    target = r"C:\Program Files\LibreOffice\program\soffice.exe"
    installed(monkeypatch, target)
    assert office.find_soffice() == target  # the default folder, even when ProgramFiles points elsewhere
    x86 = ntpath.join(r"D:\Programs (x86)", "LibreOffice", "program", "soffice.exe")
    installed(monkeypatch, x86)
    assert office.find_soffice() == x86
    installed(monkeypatch)
    assert office.find_soffice() is None
    assert "GENREPORT_SOFFICE" in office.install_hint() and "apt-get" not in office.install_hint()


def test_macos_finds_the_app_bundle(nothing_on_path, monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "darwin")
    installed(monkeypatch, "/Applications/LibreOffice.app/Contents/MacOS/soffice")
    assert office.find_soffice() == "/Applications/LibreOffice.app/Contents/MacOS/soffice"
    monkeypatch.setenv("HOME", str(tmp_path))
    mine = os.path.join(str(tmp_path), "Applications", "LibreOffice.app/Contents/MacOS/soffice")
    installed(monkeypatch, mine)
    assert office.find_soffice() == mine


def test_linux_path_first_then_install_folders(monkeypatch):
    monkeypatch.delenv(office.SOFFICE_ENV, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(office.shutil, "which", lambda name, *a, **k: "/usr/bin/soffice" if name == "soffice" else None)
    assert office.find_soffice() == "/usr/bin/soffice"
    monkeypatch.setattr(office.shutil, "which", lambda name, *a, **k: None)
    installed(monkeypatch, "/opt/libreoffice/program/soffice")
    assert office.find_soffice() == "/opt/libreoffice/program/soffice"
    assert "apt-get install" in office.install_hint()


def test_own_process_group_per_platform(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    assert office.own_group() == {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200)}
    monkeypatch.setattr(sys, "platform", "linux")
    assert office.own_group() == {"start_new_session": True}


class FakeProcess:
    def __init__(self, alive=True):
        self.pid = 4242
        self.alive = alive
        self.killed = False

    def poll(self):
        return None if self.alive else 0

    def kill(self):
        self.killed, self.alive = True, False

    def wait(self, timeout=None):
        self.alive = False
        return 0


def test_windows_ends_the_tree_with_taskkill(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    calls = []

    def run(args, **kwargs):
        calls.append(args)
        proc.alive = False
    monkeypatch.setattr(office.subprocess, "run", run)
    monkeypatch.setattr(office.os, "killpg", lambda *a: pytest.fail("no process groups to signal on Windows"))
    proc = FakeProcess()
    office._kill(proc, graceful=True)
    assert calls == [["taskkill", "/F", "/T", "/PID", "4242"]] and not proc.killed


def test_windows_without_taskkill_still_ends_the_process(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")

    def missing(*a, **k):
        raise FileNotFoundError("taskkill")
    monkeypatch.setattr(office.subprocess, "run", missing)
    proc = FakeProcess()
    office._kill(proc)
    assert proc.killed


def test_posix_signals_the_group_and_tolerates_it_being_gone(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    sent = []

    def killpg(pid, sig):
        sent.append(sig)
        if len(sent) > 1:
            raise PermissionError(1, "Operation not permitted")  # macOS, for a group whose leader has gone
    monkeypatch.setattr(office.os, "killpg", killpg, raising=False)
    office._kill(FakeProcess(), graceful=True)
    assert sent[0] == signal.SIGTERM and len(sent) == 2


def test_no_ipc_pipe_to_remove_where_there_is_no_uid(monkeypatch, tmp_path):
    monkeypatch.delattr(office.os, "getuid")
    office._remove_ipc_pipe(tmp_path / "profile")  # Windows: named pipes are not files


def test_a_real_process_tree_is_ended(tmp_path):
    """On this (POSIX) machine: the child that the started process starts is ended with it."""
    script = tmp_path / "tree.sh"
    script.write_text("#!/bin/sh\nsleep 300 &\necho $! > \"$1\"\nwait\n")
    script.chmod(0o755)
    proc = subprocess.Popen([str(script), str(tmp_path / "child")], **office.own_group())
    for _ in range(200):
        if (tmp_path / "child").exists() and (tmp_path / "child").read_text().strip():
            break
        subprocess.run(["sleep", "0.02"])
    child = int((tmp_path / "child").read_text())
    office._kill(proc, graceful=True)
    with pytest.raises(ProcessLookupError):
        for _ in range(100):
            os.kill(child, 0)
            subprocess.run(["sleep", "0.05"])
