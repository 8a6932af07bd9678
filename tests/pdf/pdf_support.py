"""What the PDF tests share: the template + sample cases and their PDFs, converted once a session."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES
from generator import load, render_docx
from generator.pdf.office import PdfConverter, find_soffice
from generator.render.registry import template_info

# Every built-in template with its sample, and provincial with the 002 sample too.
CASES = [
    ("provincial", "003-heshan-2024.xlsx"),
    ("provincial", "002-xiangxi-2019-corrected.xlsx"),
    ("project", "004-furong-2021.xlsx"),
    ("prefecture", "002-xiangxi-2019-corrected.xlsx"),
    ("district", "000-tianxin-2020.xlsx"),
    ("evaluation", "001-yuelu-2020-corrected.xlsx"),
]
_converted: dict[str, tuple[Path, Path]] = {}


def case_id(template: str, sample: str) -> str:
    return f"{template}--{sample.removesuffix('.xlsx')}"


def need_tools() -> None:
    missing = [name for name, found in (("LibreOffice (soffice)", find_soffice()),
                                        ("poppler-utils", shutil.which("pdftoppm") and shutil.which("pdffonts")))
               if not found]
    if missing:
        message = f"PDF tests need {', '.join(missing)}: run .ci/setup"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def convert(docs: dict[str, tuple[Path, Path]]) -> dict[str, tuple[Path, Path]]:
    """Convert {key: (docx, pdf)} with two offices; fails the test on any failed conversion."""
    with PdfConverter(workers=2, timeout=180) as converter:
        results = converter.convert_many(list(docs.values()))
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    return docs


def converted_cases(folder: Path) -> dict[str, tuple[Path, Path]]:
    """Every case rendered and converted, once a session: {case id: (docx, pdf)}."""
    if not _converted:
        need_tools()
        docs = {}
        for template, sample in CASES:
            docx = folder / f"{case_id(template, sample)}.docx"
            docx.write_bytes(render_docx(load(SAMPLES / sample), template_info(template)))
            docs[case_id(template, sample)] = (docx, docx.with_suffix(".pdf"))
        _converted.update(convert(docs))
    return dict(_converted)
