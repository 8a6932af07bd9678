"""A wheel installed outside the checkout works: its templates, samples and rules travel inside it.

The wheel is built from a copy of the package (so the checkout cannot leak into it) and installed
into a fresh venv; the third-party dependencies come from this project's venv through a .pth line
(installing them from an index would make the test slow and need the network), genreport itself
only from the wheel. Every command runs with its working directory outside the checkout.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

pytestmark = pytest.mark.wheel


def run(*args, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GENREPORT_TEMPLATE_DIR")}
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert not check or result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin/ of a fresh venv holding only the wheel of genreport."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "generator", src / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp / "dist", src, cwd=tmp)
    wheel = next((tmp / "dist").glob("genreport-*.whl"))
    env_dir = tmp / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", wheel, cwd=tmp)
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp).stdout.strip())
    (site / "project-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return env_dir / "bin"


def test_the_package_comes_from_the_wheel_not_the_checkout(installed, tmp_path):
    where = run(installed / "python", "-c", "import generator; print(generator.__file__)", cwd=tmp_path).stdout.strip()
    assert Path(where).is_relative_to(installed.parent)
    assert not Path(where).is_relative_to(ROOT)


def test_installed_genreport_lists_the_five_templates(installed, tmp_path):
    out = run(installed / "genreport", "templates", cwd=tmp_path).stdout
    names = [line.split()[0] for line in out.splitlines()]
    assert names == ["provincial", "project", "prefecture", "district", "evaluation"]


def test_installed_genreport_renders_a_sample(installed, tmp_path):
    run(installed / "genreport", SAMPLES / "003-heshan-2024.xlsx", "--template", "provincial", "-o", tmp_path / "out",
        cwd=tmp_path)
    [docx] = (tmp_path / "out").glob("*.docx")
    assert docx.name == "益阳市赫山区商务局-2024年度部门整体支出绩效自评报告.docx"
    with zipfile.ZipFile(docx) as z:
        document = z.read("word/document.xml").decode("utf-8")
    assert "益阳市赫山区商务局" in document and "{{" not in document


def test_installed_genreport_makes_and_checks_a_template(installed, tmp_path):
    """template new / check / fields need the built-in blocks and the sample workbooks from the wheel."""
    run(installed / "genreport", "template", "new", tmp_path / "mine.docx", "--from", "project", cwd=tmp_path)
    checked = run(installed / "genreport", "template", "check", tmp_path / "mine.docx", cwd=tmp_path)
    assert "检查通过" in checked.stdout
    assert "`项目[*].资金[*].执行率`" in run(installed / "genreport", "template", "fields", "--kind", "project",
                                         cwd=tmp_path).stdout
