"""PDF output through LibreOffice: golden page images, outline text, page numbers, fonts,
reproducible bytes, --preview, and the failures a user can meet (no LibreOffice, a hang).

Golden files live in tests/golden/pdf/: <template>--<sample>/page-NN.png and pages.toml.
Refresh with `pytest tests/pdf/test_pdf.py --update-golden`, then look at the PNGs before committing.
A failing page comparison writes expected | actual | difference images to tests/output/pdf/.

Without LibreOffice or poppler the PDF tests are skipped, except under CI (the CI variable is
set), where skipping would hide a broken setup: there they fail.
"""
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES
from generator.cli import main
from generator.pdf import fonts
from generator.pdf.fonts import font_problems
from generator.pdf.office import PdfConverter
from pdf_support import CASES, case_id, converted_cases, need_tools

GOLDEN = ROOT / "tests" / "golden" / "pdf"
PAGES_FILE = GOLDEN / "pages.toml"
OUTPUT = ROOT / "tests" / "output" / "pdf"
# 36 dpi grey (298 x 421 px per A4 page) shows margins, line and page breaks, tables and
# which face a line is set in, at about 15 KB a page.
DPI = 36
# Poppler and FreeType versions shade glyph edges a little differently, so a pixel counts as
# changed only when its grey level moves by more than PIXEL_DELTA (of 255). A page fails when
# more than PAGE_TOLERANCE of its pixels change: 0.1 % is about 125 pixels, a few characters
# at this size. Measured: one level-1 heading set in 楷 instead of 黑 changes 0.2 % of its
# page, a reflowed paragraph or a moved table several percent. Single-character wording
# changes may pass: they are the text golden files' business.
PIXEL_DELTA = 48
PAGE_TOLERANCE = 0.001
# The free faces fonts/fonts.conf maps the official names to, as pdffonts names them.
MAPPED_FACES = re.compile(r"^(NotoSerifCJK|NotoSansCJK|GBZenKai|UKai)")
# Which face each kind of paragraph must come out in (domain.md §7).
STYLE_FACES = {
    "报告标题": "NotoSerifCJK",  # 方正小标宋简体
    "Heading 1": "NotoSansCJK",  # 黑体
    "Heading 2": "GBZenKai",  # 楷体_GB2312
    "Normal": "GBZenKai",  # 仿宋_GB2312 (楷 stand-in)
}


@pytest.fixture(scope="session")
def converted(tmp_path_factory):
    """Every case rendered and converted once: {case id: (docx, pdf)}; plus a second
    conversion of the first case by another office, after another document, as "again"."""
    docs = converted_cases(tmp_path_factory.mktemp("pdf"))
    first, last = list(docs.values())[0], list(docs.values())[-1]
    with PdfConverter(workers=1, timeout=120) as converter:
        converter.convert(last[0], last[0].parent / "warm-up.pdf")
        docs["again"] = (first[0], converter.convert(first[0], last[0].parent / "again.pdf"))
    return docs


def run_tool(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pdf_text(pdf, *pages):
    return run_tool("pdftotext", "-enc", "UTF-8", *pages, str(pdf), "-")


def page_count(pdf):
    return int(re.search(r"^Pages:\s+(\d+)", run_tool("pdfinfo", str(pdf)), re.M).group(1))


def squeeze(text):
    return re.sub(r"\s+", "", text)


def paragraphs_by_style(docx):
    import docx as python_docx

    found = {}
    for p in python_docx.Document(str(docx)).paragraphs:
        if p.text.strip():
            found.setdefault(p.style.name, []).append(p.text.strip())
    return found


def read_pages_golden():
    return tomllib.loads(PAGES_FILE.read_text(encoding="utf-8")) if PAGES_FILE.exists() else {}


def write_pages_golden(counts):
    lines = ["# Page count of each sample's PDF (tests/pdf/test_pdf.py); rewritten by --update-golden.\n"]
    lines += [f'"{key}" = {counts[key]}\n' for key in sorted(counts)]
    PAGES_FILE.write_text("".join(lines), encoding="utf-8")


def rasterise(pdf):
    from pdf2image import convert_from_path

    return convert_from_path(str(pdf), dpi=DPI, grayscale=True)


def changed_share(expected, actual):
    """Share of pixels whose grey level differs by more than PIXEL_DELTA, and the mask."""
    from PIL import ImageChops

    mask = ImageChops.difference(expected, actual).point(lambda v: 255 if v > PIXEL_DELTA else 0)
    return mask.histogram()[255] / (mask.width * mask.height), mask


def save_diff(folder, number, expected, actual, mask):
    """expected | actual | actual with changed pixels in red, side by side."""
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    marked = Image.merge("RGB", (actual, actual, actual))
    marked.paste((255, 0, 0), mask=mask)
    sheet = Image.new("RGB", (expected.width * 3 + 20, expected.height), "white")
    for i, image in enumerate((expected.convert("RGB"), actual.convert("RGB"), marked)):
        sheet.paste(image, (i * (expected.width + 10), 0))
    target = folder / f"page-{number:02d}-diff.png"
    sheet.save(target)
    return target


@pytest.mark.pdf
@pytest.mark.parametrize("template,sample", CASES)
def test_pages_match_golden_images(template, sample, converted, update_golden):
    key = case_id(template, sample)
    pdf = converted[key][1]
    pages = rasterise(pdf)
    folder = GOLDEN / key
    if update_golden:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("page-*.png"):
            old.unlink()
        for number, page in enumerate(pages, 1):
            page.save(folder / f"page-{number:02d}.png", optimize=True)
        write_pages_golden({**read_pages_golden(), key: len(pages)})
        pytest.skip(f"rewrote {folder.relative_to(ROOT)} ({len(pages)} pages)")

    from PIL import Image

    counts = read_pages_golden()
    assert key in counts, f"no page count for {key} in {PAGES_FILE.name}: run pytest --update-golden and review"
    out = OUTPUT / key
    shutil.rmtree(out, ignore_errors=True)
    if len(pages) != counts[key]:
        out.mkdir(parents=True)
        for number, page in enumerate(pages, 1):
            page.save(out / f"page-{number:02d}.png")
        pytest.fail(f"{key}: {len(pages)} pages, golden {counts[key]}; actual pages in {out}")
    failures = []
    for number, actual in enumerate(pages, 1):
        expected = Image.open(folder / f"page-{number:02d}.png").convert("L")
        if expected.size != actual.size:
            failures.append(f"page {number}: size {actual.size}, golden {expected.size}")
            continue
        share, mask = changed_share(expected, actual)
        if share > PAGE_TOLERANCE:
            diff = save_diff(out, number, expected, actual, mask)
            failures.append(f"page {number}: {share:.2%} of pixels changed, see {diff}")
    assert not failures, f"{key} differs from {folder.relative_to(ROOT)}:\n" + "\n".join(failures)


@pytest.mark.pdf
@pytest.mark.parametrize("template,sample", CASES)
def test_pdf_text_has_every_heading_and_page_number(template, sample, converted):
    docx, pdf = converted[case_id(template, sample)]
    text = pdf_text(pdf)
    flat = squeeze(text)
    headings = [h for style, texts in paragraphs_by_style(docx).items()
                if style.startswith(("Heading", "标题")) for h in texts]
    assert headings, "the template's outline has no Heading paragraphs"
    missing = [h for h in headings if squeeze(h) not in flat]
    assert not missing, f"headings missing from the PDF text: {missing}"
    pages = page_count(pdf)
    assert pages == read_pages_golden().get(case_id(template, sample), pages)
    # pdftotext keeps or drops the spaces around a one-digit number as its spacing
    # heuristics see fit: compare without whitespace, page by page.
    numbers = [n for n in range(1, pages + 1)
               if f"—{n}—" not in squeeze(pdf_text(pdf, "-f", str(n), "-l", str(n)))]
    assert not numbers, f"no page number '— n —' on pages {numbers}"


@pytest.mark.pdf
@pytest.mark.parametrize("template,sample", CASES)
def test_pdf_fonts_are_the_mapped_ones_embedded(template, sample, converted):
    listing = run_tool("pdffonts", str(converted[case_id(template, sample)][1])).splitlines()[2:]
    fonts = [(line.split()[0].split("+")[-1], line) for line in listing if line.strip()]
    assert fonts
    unmapped = [name for name, _ in fonts if not MAPPED_FACES.match(name)]
    assert not unmapped, (f"fonts outside fonts/fonts.conf's mapping (a name the mapping misses, "
                          f"or a glyph no mapped face has): {unmapped}")
    # columns from the right: emb sub uni object-number generation
    not_embedded = [name for name, line in fonts if line.split()[-5] != "yes"]
    assert not not_embedded, f"fonts not embedded: {not_embedded}"


@pytest.mark.pdf
@pytest.mark.parametrize("template,sample", CASES)
def test_each_style_is_set_in_its_mapped_face(template, sample, converted):
    """pdffonts alone cannot tell a 黑体 heading set in the 楷 face: follow the text."""
    docx, pdf = converted[case_id(template, sample)]
    xml = run_tool("pdftohtml", "-xml", "-i", "-stdout", str(pdf))
    faces = dict(re.findall(r'<fontspec id="(\d+)"[^>]*family="(?:[A-Z]{6}\+)?([^"]*)"', xml))
    text_in = {}
    for font, chunk in re.findall(r'<text [^>]*font="(\d+)"[^>]*>(.*?)</text>', xml):
        text_in.setdefault(faces[font], []).append(squeeze(re.sub(r"<[^>]+>", "", chunk)))
    wrong = []
    for style, texts in paragraphs_by_style(docx).items():
        face = STYLE_FACES.get(style)
        for text in texts[:5] if face else ():
            probe = squeeze(text)[:6]
            used = sorted(f for f, chunks in text_in.items() if any(probe in c for c in chunks))
            if used and not any(f.startswith(face) for f in used):
                wrong.append(f"{style} “{text[:20]}” set in {used}, not {face}")
    assert not wrong, ("paragraphs not in the face their style's font maps to (check the style's "
                       "w:rFonts: theme attributes such as w:eastAsiaTheme override the named font):\n"
                       + "\n".join(wrong))


@pytest.mark.pdf
def test_fontconfig_resolves_every_official_name_to_its_stand_in():
    """The same check at the fontconfig level: names the missing font package."""
    need_tools()
    assert font_problems() == []


@pytest.mark.pdf
def test_same_docx_gives_the_same_pdf_bytes(converted):
    first = next(iter(converted.values()))
    again = converted["again"]
    assert first[0] == again[0]
    data = first[1].read_bytes()
    assert data == again[1].read_bytes(), "two conversions of one .docx differ: see generator/pdf/repro.py"
    # repro returns a file of a shape it does not know unchanged: make that loud.
    assert b"/DocChecksum" not in data
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        assert b"/CreationDate" not in data


@pytest.mark.pdf
def test_preview_writes_one_png_per_page(tmp_path):
    need_tools()
    template, sample = CASES[-1]
    result = CliRunner().invoke(main, ["render", str(SAMPLES / sample), "-t", template, "-o", str(tmp_path),
                                       "--preview"])
    assert result.exit_code == 0, result.output
    pdfs = list(tmp_path.glob("*.pdf"))
    assert len(pdfs) == 1 and len(list(tmp_path.glob("*.docx"))) == 1
    pngs = sorted(tmp_path.glob("*.png"))
    assert len(pngs) == page_count(pdfs[0]) > 1
    assert all(str(p) in result.output for p in pngs)


def test_missing_libreoffice_is_explained_and_docx_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("GENREPORT_SOFFICE", str(tmp_path / "nowhere" / "soffice"))
    template, sample = CASES[-1]
    result = CliRunner().invoke(main, ["render", str(SAMPLES / sample), "-t", template, "-o", str(tmp_path),
                                       "--pdf"])
    assert result.exit_code != 0
    assert "未找到 LibreOffice" in result.output
    assert "apt-get install libreoffice-writer-nogui" in result.output
    assert "Traceback" not in result.output
    assert len(list(tmp_path.glob("*.docx"))) == 1
    assert not list(tmp_path.glob("*.pdf"))


def test_a_font_that_does_not_resolve_is_a_warning_naming_the_packages(tmp_path, monkeypatch):
    monkeypatch.setitem(fonts.FONT_MAP, "仿宋_GB2312", ("NoSuchFace",))
    monkeypatch.setenv("GENREPORT_SOFFICE", str(tmp_path / "nowhere" / "soffice"))
    template, sample = CASES[0]
    result = CliRunner().invoke(main, ["render", str(SAMPLES / sample), "-t", template, "-o", str(tmp_path),
                                       "--pdf"])
    warning = next(line for line in result.output.splitlines() if line.startswith("警告："))
    assert "仿宋_GB2312" in warning and "NoSuchFace" in warning and "fonts-noto-cjk" in warning


FAKE_SOFFICE = """#!/bin/sh
# A LibreOffice that starts (answers the ping, or not) and then never converts anything.
echo "$$ $*" >> "$(dirname "$0")/calls.log"
out=""; prev=""
for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done
case " $* " in *" --nodefault "*) [ -n "$HANG_AT_START" ] || touch "$out/ping.pdf" ;; esac
exec sleep 300
"""


@pytest.mark.parametrize("stage", ["conversion", "start"])
def test_hanging_libreoffice_is_killed_retried_once_and_reported(stage, tmp_path, monkeypatch):
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text(FAKE_SOFFICE)
    fake.chmod(0o755)
    if stage == "start":
        monkeypatch.setenv("HANG_AT_START", "1")
    monkeypatch.setenv("GENREPORT_SOFFICE", str(fake))
    docx = tmp_path / "报告.docx"
    docx.write_bytes(b"not really a document")
    started = time.monotonic()
    with PdfConverter(workers=1, timeout=1) as converter:
        [result] = converter.convert_many([(docx, tmp_path / "报告.pdf")])
    assert time.monotonic() - started < 20
    assert not result.ok and not (tmp_path / "报告.pdf").exists()
    assert "超时" in result.error and "已重试一次" in result.error and "报告.docx" in result.error
    calls = (fake.parent / "calls.log").read_text().splitlines()
    starts = [c for c in calls if "--nodefault" in c]
    assert len(starts) == 2, calls  # the first office and the one started for the retry
    if stage == "conversion":
        assert len(calls) - len(starts) == 2, calls  # one conversion request to each
    for line in calls:
        pid = int(line.split()[0])
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # killed, not left hanging


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, *sys.argv[1:]]))
