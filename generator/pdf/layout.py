"""Layout checks on a rendered PDF: what a clerk would otherwise fix by hand before filing.

Reads the words and their boxes from poppler's `pdftotext -bbox-layout` and reports, page by page:
a number broken over two lines of a table cell, the approval blocks or the 评价人员 list split over
pages, a page with almost no text, a table title or 单位 line left at a page foot, body lines that
do not carry the 28 characters of GB/T 9704, and a printed 得分 column that does not add up to the
total printed beneath it. The checks read only the PDF, so a user's own template gets them too.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from lxml import etree

MM = 72 / 25.4  # PDF points per millimetre
# The GB/T 9704 text area on A4 (domain.md §7): left 28 mm, right 26 mm, top 37 mm, bottom 35 mm.
LEFT, RIGHT, BOTTOM = 28 * MM, (210 - 26) * MM, (297 - 35) * MM
CHARS_PER_LINE = 28
PITCH = (RIGHT - LEFT) / CHARS_PER_LINE
# pdftotext's word boxes are about 1.3 times the font size high: 16 pt body text is 19-22 pt.
BODY_HEIGHT = (18.5, 22.5)
TITLE_HEIGHT = 18.0  # 表格标题 (18 pt) and 报告标题 (22 pt) lines are higher than this
TABLE_HEIGHT = 16.0  # table text (at most 12 pt); body text wraps figures at line ends, which is no fault
BLOCK_LABELS = ("评价组组长（签字）", "部门（单位）意见", "财政部门归口业务科室意见")
EVALUATOR_HEADER = "姓名职务/职称单位签字"
TOTAL_LABELS = ("综合得分", "总分")
# A figure as the reports print it: an integer or two decimals, thousands separators, a sign, a %.
FIGURE = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d\d)?%?")
SCORE = re.compile(r"-?\d+\.\d\d")
NUMERIC = re.compile(r"[-\d.,%]+")
FULL_WIDTH_ONLY = re.compile(r"[^\x00-\x7f\uff61-\uff9f]+")


@dataclass(frozen=True)
class Finding:
    """One layout fault: the page it is on (1-based; 0 when about the whole file) and what is wrong, in Chinese."""

    page: int
    message: str

    def __str__(self) -> str:
        return f"第{self.page}页：{self.message}" if self.page else self.message


@dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Line:
    words: list[Word]

    @property
    def text(self) -> str:
        return "".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)

    @property
    def y1(self) -> float:
        return max(w.y1 for w in self.words)

    @property
    def height(self) -> float:
        return self.y1 - self.y0


Page = list[Line]


class LayoutToolMissing(RuntimeError):
    """poppler's pdftotext is not installed."""


def read_pages(pdf: Path) -> list[Page]:
    """The text of every page as rows of words (one row: the words at one height, across all the
    cells of a table row), top to bottom, without the page number in the footer."""
    tool = shutil.which("pdftotext")
    if tool is None:
        raise LayoutToolMissing("未找到 pdftotext（poppler-utils），无法做版面检查")
    xml = subprocess.run([tool, "-bbox-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         check=True, timeout=120).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True, huge_tree=True))
    pages = []
    for page in root.iter("{*}page"):
        words = [Word(w.text, *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
                 for w in page.iter("{*}word") if (w.text or "").strip()]
        # the footer holds only the page number
        pages.append(_rows([w for w in words if w.y0 < BOTTOM + 2 * MM]))
    return pages


def _rows(words: list[Word]) -> Page:
    """Words grouped into rows by the height of their middles, each row left to right."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: ((w.y0 + w.y1) / 2, w.x0)):
        middle = (word.y0 + word.y1) / 2
        if rows and abs(middle - (rows[-1][0].y0 + rows[-1][0].y1) / 2) < 3:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [Line(sorted(row, key=lambda w: w.x0)) for row in rows]


def layout_findings(path: Path) -> list[Finding]:
    """The layout faults of a written PDF for `genreport --pdf` to show (nothing for other files);
    without pdftotext, one finding saying the check could not run."""
    if path.suffix.lower() != ".pdf":
        return []
    try:
        return check_pdf(path)
    except LayoutToolMissing as exc:
        return [Finding(0, str(exc))]
    except (subprocess.SubprocessError, OSError) as exc:
        return [Finding(0, f"版面检查未能运行（{exc}）")]


def check_pdf(pdf: Path) -> list[Finding]:
    """Every layout fault of the PDF, in page order."""
    return check_pages(read_pages(pdf))


def check_pages(pages: list[Page]) -> list[Finding]:
    """Every check on pages already read (tests build them by hand), findings in page order."""
    findings = []
    for check in (broken_numbers, split_blocks, empty_pages, titles_at_foot, body_line_length, score_totals):
        findings += check(pages)
    return sorted(findings, key=lambda f: f.page)


def _is_figure(text: str) -> bool:
    return FIGURE.fullmatch(text) is not None


def broken_numbers(pages: list[Page]) -> list[Finding]:
    """A figure wrapped in its cell: stacked pieces, alone on their lines, that only together read
    as one figure (「15.0」 over 「0」, 「1,234」 over 「,567.」 over 「89」)."""
    found = []
    for n, page in enumerate(pages, 1):
        words = [w for line in page for w in line.words if NUMERIC.fullmatch(w.text) and w.height < TABLE_HEIGHT]
        alone = [w for w in words if not _touching(page, w, after=True) and not _touching(page, w, after=False)]
        below = {id(a): next((b for b in alone if _stacked(a, b)), None) for a in alone}
        tops = [w for w in alone if not any(below[id(a)] is w for a in alone)]
        for top in tops:
            chain = [top]
            while below[id(chain[-1])] is not None and len(chain) < 6:
                chain.append(below[id(chain[-1])])
            figure = _broken_figure([w.text for w in chain])
            if figure:
                found.append(Finding(n, f"数字“{figure}”在表格单元格中被折成两行"))
    return found


def _stacked(upper: Word, lower: Word) -> bool:
    """lower is the next line of upper's cell: just below it and overlapping it sideways."""
    return 0 < lower.y0 - upper.y0 < 1.6 * upper.height and lower.x0 < upper.x1 and lower.x1 > upper.x0


def _broken_figure(pieces: list[str]) -> str | None:
    """The figure some consecutive pieces make when joined, if they were cut inside it."""
    for i in range(len(pieces)):
        for j in range(i + 2, len(pieces) + 1):
            part = pieces[i:j]
            joined = "".join(part)
            if _is_figure(joined) and any(_cut(a, b) for a, b in zip(part, part[1:])):
                return joined
    return None


def _touching(page: Page, word: Word, after: bool) -> bool:
    """Whether running text goes on right after (or comes right before) the word on its line."""
    for line in page:
        for other in line.words:
            if other is word or abs(other.y0 - word.y0) > 2:
                continue
            gap = other.x0 - word.x1 if after else word.x0 - other.x1
            if -1 < gap < word.height / 2:
                return True
    return False


def _cut(upper: str, lower: str) -> bool:
    """Whether a line break between these two pieces falls inside one figure."""
    if not any(c.isdigit() for c in upper):
        return upper == "-"
    cut_inside = upper[-1] in ",.-" or lower[0] in ",.%" or re.search(r"\.\d$", upper) is not None
    integer_then_decimals = "." not in upper and "." in lower and "%" not in upper
    return cut_inside or integer_then_decimals


def _find(page: Page, squeezed: str) -> list[Line]:
    return [line for line in page if squeezed in re.sub(r"\s", "", line.text)]


def split_blocks(pages: list[Page]) -> list[Finding]:
    """The three approval blocks on one page, with the end of the 评价人员 list above them."""
    where = {label: [n for n, page in enumerate(pages, 1) if _find(page, label)] for label in BLOCK_LABELS}
    if not all(where.values()):
        return []
    found = []
    block_pages = sorted({n for pages_of in where.values() for n in pages_of})
    if len(block_pages) > 1:
        found.append(Finding(block_pages[0], f"签字审批栏被分在第{block_pages[0]}–{block_pages[-1]}页，应在同一页"))
    last = block_pages[-1]
    lists = [n for n, page in enumerate(pages, 1) if _find(page, EVALUATOR_HEADER)]
    if lists and last not in lists and last - 1 in lists:
        found.append(Finding(last, "评价人员名单与签字审批栏不在同一页"))
    for n in lists:
        header = _find(pages[n - 1], EVALUATOR_HEADER)[-1]
        below = [line for line in pages[n - 1] if line.y0 > header.y1 + 1]
        if not below:
            found.append(Finding(n, "评价人员表头在页脚，名单在下一页"))
    return found


def empty_pages(pages: list[Page]) -> list[Finding]:
    """A page with almost no text (a lone 落款, a table's last row)."""
    found = []
    for n, page in enumerate(pages, 1):
        chars = sum(len(line.text) for line in page)
        if len(page) <= 2 or chars < 30:
            found.append(Finding(n, f"本页几乎没有内容（{len(page)}行，{chars}字）"))
    return found


def _centred(line: Line) -> bool:
    middle = (LEFT + RIGHT) / 2
    return abs((line.x0 + line.x1) / 2 - middle) < 6 and line.x1 - line.x0 < 0.8 * (RIGHT - LEFT)


def titles_at_foot(pages: list[Page]) -> list[Finding]:
    """A table title, caption, 单位 line or 附件 label as the last line of a page, its table on the next."""
    found = []
    for n, page in enumerate(pages[:-1], 1):
        if not page:
            continue
        last = page[-1]
        text = re.sub(r"\s", "", last.text)
        same_row = [line for line in page if abs(line.y0 - last.y0) < 2 and line is not last]
        caption = _centred(last) and not same_row and (last.height > TITLE_HEIGHT or re.search(r"(情况|表|人员)$", text))
        if caption or text.startswith("单位：") or re.fullmatch(r"附件\d*", text):
            found.append(Finding(n, f"表格标题“{text[:20]}”在页末，表格在下一页"))
    return found


def body_line_length(pages: list[Page]) -> list[Finding]:
    """Full lines of 16 pt body text carry 28 characters (GB/T 9704: 28 × 22). A line may carry one less
    where no line may begin with a closing mark or end with an opening one (避头尾), so a page is
    wrong when fewer than half of its full lines carry 28, or any carries more."""
    found = []
    for n, page in enumerate(pages, 1):
        counts = []
        for line in page:
            text = re.sub(r"\s", "", line.text)
            if not (BODY_HEIGHT[0] <= line.height <= BODY_HEIGHT[1]) or not FULL_WIDTH_ONLY.fullmatch(text):
                continue
            if abs(line.x1 - RIGHT) > PITCH / 2 or line.x0 < LEFT - PITCH / 2:
                continue  # not a full line: a paragraph's last line, a heading, a table
            counts.append(len(text) + round((line.x0 - LEFT) / PITCH))
        right = counts.count(CHARS_PER_LINE)
        if counts and (right * 2 < len(counts) or max(counts) > CHARS_PER_LINE):
            usual = max(set(counts), key=counts.count)
            found.append(Finding(n, f"正文每行{usual}字，应为{CHARS_PER_LINE}字"))
    return found


def _number(text: str) -> Decimal | None:
    """A score as the reports print one, with two decimals (「9.83」); a bare 「2」 in running text is none."""
    try:
        return Decimal(text) if SCORE.fullmatch(text) else None
    except InvalidOperation:
        return None


def score_totals(pages: list[Page]) -> list[Finding]:
    """The figures under each 得分 header, from the first such header to the 综合得分/总分 row, add up to
    the figure that row prints in the same column."""
    found: list[Finding] = []
    running: Decimal | None = None  # the sum so far, while a scored table is open
    columns: list[Word] | None = None  # the header row's words: which column a figure is under
    for n, page in enumerate(pages, 1):
        for line in page:
            if any(w.text == "得分" for w in line.words):
                columns = list(line.words)  # a repeated header on a new page keeps the sum going
                running = Decimal(0) if running is None else running
                continue
            if running is None or columns is None:
                continue
            squeezed = re.sub(r"\s", "", line.text)
            cell = _score_cell(line, columns)
            if any(label in squeezed for label in TOTAL_LABELS):
                if cell is not None and cell != running:
                    found.append(Finding(n, f"得分列合计{running}，表中打印的总分为{cell}"))
                running, columns = None, None
            elif cell is not None:
                running += cell
    return found


def _score_cell(line: Line, columns: list[Word]) -> Decimal | None:
    """The figure of this line that sits under the 得分 header (nearest header by centre)."""
    score_head = next(w for w in columns if w.text == "得分")
    for word in line.words:
        value = _number(word.text)
        if value is None:
            continue
        nearest = min(columns, key=lambda h: abs(h.centre - word.centre))
        if nearest is score_head:
            return value
    return None
