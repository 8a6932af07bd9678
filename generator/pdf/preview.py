"""Page previews: one PNG per page of a PDF, for a look without Word."""
from __future__ import annotations

import glob
import os
import re
import tempfile
from pathlib import Path

from pdf2image import convert_from_path
from pdf2image.exceptions import PDFInfoNotInstalledError, PDFPageCountError

from generator.errors import ConversionError


def preview_pngs(pdf: Path, out_dir: Path, dpi: int = 80) -> list[Path]:
    """One PNG per page of `pdf` in `out_dir` (<stem>-01.png ...), for a look without Word."""
    pdf, out_dir = Path(pdf), Path(out_dir)
    try:
        pages = convert_from_path(str(pdf), dpi=dpi)
    except PDFInfoNotInstalledError:
        raise ConversionError("未找到 poppler（pdftoppm），无法生成预览图。请安装：sudo apt-get install poppler-utils") from None
    except PDFPageCountError as exc:
        raise ConversionError(f"{pdf.name}：无法读取 PDF（{exc}）") from None
    width = max(2, len(str(len(pages))))
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for number, image in enumerate(pages, 1):
        target = out_dir / f"{pdf.stem}-{number:0{width}d}.png"
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=out_dir)
        try:
            with os.fdopen(fd, "wb") as fh:
                image.save(fh, format="PNG")
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written.append(target)
    _remove_stale_pages(out_dir, pdf.stem, len(pages))
    return written


def _remove_stale_pages(out_dir: Path, stem: str, count: int) -> None:
    """Pages left from an earlier, longer version of the same report would mislead."""
    pattern = re.compile(re.escape(stem) + r"-(\d+)\.png")
    for old in out_dir.glob(f"{glob.escape(stem)}-*.png"):
        m = pattern.fullmatch(old.name)
        if m and int(m.group(1)) > count:
            old.unlink(missing_ok=True)
