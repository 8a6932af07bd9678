"""User templates for the tests: a copy made by `template new`, then edited as an office would in Word
(here with python-docx). No tests here."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from docx import Document
from generator.cli import main
from generator.render.copy import new_template
from generator.render.registry import registry


def invoke(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def copy_of(tmp_path: Path, source: str = "provincial", name: str = "mine.docx") -> Path:
    return new_template(registry()[source], tmp_path / name)


def edited(path: Path, heading: str | None = None, add: tuple[str, ...] = (), target: Path | None = None) -> Path:
    """The template with its first 一级标题 retitled and paragraphs added under it; saved to `target`."""
    doc = Document(path)
    paragraphs = doc.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 1")
    first = paragraphs[at]
    if heading is not None:
        first.runs[0].text = heading
        for run in first.runs[1:]:
            run.text = ""
    anchor = next(p for p in paragraphs[at + 1:] if p.style.name == "Heading 2")
    for text in add:
        anchor.insert_paragraph_before(text, style="Normal")
    target = target or path
    doc.save(target)
    return target
