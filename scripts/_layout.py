"""Typesetting of plain-text official documents as GB/T 9704-like PDFs, for test fixtures.

The layout contract that the parser relies on (all numbers in PDF points, A4 = 595.2756 x 841.8898):

* Type area: x from ``TYPE_LEFT`` (74) to ``TYPE_RIGHT`` (522), 448 pt wide; from ``TYPE_TOP`` (105) to
  ``TYPE_BOTTOM`` (743) measured down from the top edge of the page: 22 line slots of ``LINE_PITCH`` (29).
* Body text: STSong-Light (reportlab's built-in CID font, not embedded) at 16 pt, 28 full-width characters a line.
  The baseline of slot *i* (0-based) lies ``TYPE_TOP + BASELINE_OFFSET + i * LINE_PITCH`` = 126 + 29 i below the top
  edge, i.e. at PDF y = 841.8898 - 126 - 29 i.
* Every non-empty source line is a paragraph and starts in a new slot. Body paragraphs are indented by exactly two
  characters (32 pt) on their first line; continuation lines start at the left edge of the frame (type area or
  column). Lines are filled greedily, measured with ``pdfmetrics.stringWidth``: every line of a paragraph except the
  last leaves less than the width of the next character free. One ``drawString`` per line, no justification.
* Titles (22 pt), the document number line (16 pt) and the red organ header are centred in their frame.
* Tab-separated lines are table rows; consecutive rows with the same number of cells are one ruled table
  (reportlab ``Table`` with ``GRID``), wrapped inside the cells, split between rows (or inside a too-tall row) at
  page ends. A table occupies whole slots; the paragraph after it starts in the next free slot.
* Page number ``— N —`` in 14 pt, centred on the type area, baseline 775 pt below the top edge (7 mm under the type
  area plus the ascent). Optional running header from page 2 on: 10.5 pt, centred, baseline 85 pt below the top edge.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab import rl_config

rl_config.invariant = 1  # fixed dates and document ids: identical bytes on every run

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Table, TableStyle

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

PAGE_W, PAGE_H = A4
BODY_SIZE = 16.0
TITLE_SIZE = 22.0
LINE_PITCH = 29.0
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
TYPE_LEFT = 74.0
TYPE_WIDTH = CHARS_PER_LINE * BODY_SIZE  # 448
TYPE_RIGHT = TYPE_LEFT + TYPE_WIDTH  # 522
TYPE_TOP = 105.0  # from the top edge of the page (37 mm)
TYPE_BOTTOM = TYPE_TOP + LINES_PER_PAGE * LINE_PITCH  # 743 from the top edge
BASELINE_OFFSET = 21.0  # body baseline below the top of its slot
INDENT = 2 * BODY_SIZE
PAGE_NUMBER_SIZE = 14.0
PAGE_NUMBER_BASELINE = 775.0  # from the top edge
RUNNING_HEADER_SIZE = 10.5
RUNNING_HEADER_BASELINE = 85.0  # from the top edge
COLUMN_GAP = BODY_SIZE
RED = (230 / 255, 0.0, 18 / 255)
BLACK = (0.0, 0.0, 0.0)
RULE_WIDTH = 2.0

UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")  # Debian fonts-arphic-uming

# "焦作市人力资源和社会保障局文件", "平顶山市民政局", "**河南省协调劳动关系三方委员会", a lone "文件"
ORGAN_RE = re.compile(
    r"^\**(?:[\u4e00-\u9fff“”、（）() ]{1,70}?"
    r"(?:办公厅|办公室|人民政府|政府|小组|委员会|组织部|工会|支行|分行|中心|厅|局|文件)|文件)\**$"
)
DOC_NUMBER_RE = re.compile(r"^[\u4e00-\u9fff]{1,12}〔\d{4}〕\d+号$")  # "豫政办〔2023〕17号"
TITLE_WORD_RE = re.compile(
    r"关于|(?:通\s*知|意见|办法|方案|措施|细则|规程|要点|决定|答复|规定|公告|通告|报告|批复)\**$"
)
TITLE_STOP_CHARS = set("，。；：！？")


# ---------------------------------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Block:
    """One unit of the flow: a paragraph (role body/center/title/organ), a table, a rule, blank slots or a break."""

    kind: str  # para | table | rule | blank | page_break
    text: str = ""
    role: str = "body"
    rows: tuple[tuple[str, ...], ...] = ()
    size: float = BODY_SIZE
    line: int = -1  # 0-based source line (first row for a table)
    count: int = 1  # blank slots (a single blank slot is dropped at the top of a frame)


def is_table_line(line: str) -> bool:
    return "\t" in line and line.strip() != ""


def split_cells(line: str) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in line.rstrip("\r\n").split("\t"))


def _organ_size(texts: Sequence[str]) -> float:
    cap = 36.0 if len(texts) == 1 else 26.0 if len(texts) <= 3 else 22.0
    fit = min(TYPE_WIDTH / text_width(t, 1.0) for t in texts)
    return max(20.0, min(cap, math.floor(fit * 2) / 2))


def lines_to_blocks(
    lines: Sequence[str],
    *,
    doc_starts: Iterable[int] = (0,),
    part_pages: Iterable[int] = (),
    centered: Iterable[int] = (),
    red_header: bool = True,
) -> list[Block]:
    """Turn source lines into layout blocks.

    Args:
        lines: the source text, one paragraph a line (blank lines are ignored).
        doc_starts: 0-based indices of the first line of each document; each starts on a new page and gets the
            red header / centred title treatment.
        part_pages: indices of lines printed alone, centred, on a page of their own (a compendium's part titles).
        centered: indices of further lines to centre (e.g. the title of an issued instrument).
        red_header: draw the red organ header at document starts.
    """
    idx = [i for i, line in enumerate(lines) if line.strip()]
    # a document starts at its first non-empty line
    starts = {next((i for i in idx if i >= s), -1) for s in doc_starts}
    parts, centre = set(part_pages), set(centered)
    blocks: list[Block] = []
    roles: dict[int, Block] = {}
    head_ends: set[int] = set()
    for k, i in enumerate(idx):
        if i in starts:
            head, end = _head_roles(lines, idx[k:], red_header)
            roles.update(head)
            if end is not None:
                head_ends.add(end)
    k = 0
    while k < len(idx):
        i = idx[k]
        if i in parts:
            blocks += [
                Block("page_break"),
                Block("blank", count=8),
                Block("para", lines[i].strip(), "title", size=TITLE_SIZE, line=i),
                Block("page_break"),
            ]
            k += 1
            continue
        if i in starts and blocks:
            blocks.append(Block("page_break"))
        if is_table_line(lines[i]):
            rows = [split_cells(lines[i])]
            k += 1
            while (
                k < len(idx)
                and is_table_line(lines[idx[k]])
                and len(split_cells(lines[idx[k]])) == len(rows[0])
                and idx[k] not in starts
            ):
                rows.append(split_cells(lines[idx[k]]))
                k += 1
            blocks.append(Block("table", rows=tuple(rows), line=i))
            continue
        block = roles.get(i) or Block("para", lines[i].strip(), "center" if i in centre else "body", line=i)
        blocks.append(block)
        if i in head_ends:
            blocks.append(Block("blank"))  # a blank line between the title and the addressees
        next_role = roles[idx[k + 1]].role if k + 1 < len(idx) and idx[k + 1] in roles else None
        if block.role == "organ" and next_role != "organ":
            # after the organ lines: a blank slot, the document number (if any), then the red rule
            blocks.append(Block("blank"))
            if k + 1 < len(idx) and DOC_NUMBER_RE.match(lines[idx[k + 1]].strip()):
                k += 1
                blocks.append(Block("para", lines[idx[k]].strip(), "center", line=idx[k]))
            blocks.append(Block("rule"))
        k += 1
    return blocks


def _head_roles(lines: Sequence[str], idx: Sequence[int], red_header: bool) -> tuple[dict[int, Block], int | None]:
    """Roles of the first lines of a document (organ header, document number, title lines) and its last title line."""
    roles: dict[int, Block] = {}
    j = 0
    organs = []
    while red_header and j < len(idx) and ORGAN_RE.match(lines[idx[j]].strip()) and "关于" not in lines[idx[j]]:
        organs.append(idx[j])
        j += 1
    if organs:
        size = _organ_size([lines[i].strip() for i in organs])
        for i in organs:
            roles[i] = Block("para", lines[i].strip(), "organ", size=size, line=i)
        if j < len(idx) and DOC_NUMBER_RE.match(lines[idx[j]].strip()):
            j += 1  # handled right after the organ lines
    cand = []
    while j < len(idx) and len(cand) < 5:
        text = lines[idx[j]].strip()
        if DOC_NUMBER_RE.match(text) or TITLE_STOP_CHARS & set(text) or len(text) > 100 or "\t" in lines[idx[j]]:
            break
        cand.append(idx[j])
        j += 1
    end = None
    if cand and any(TITLE_WORD_RE.search(lines[i].strip()) for i in cand):
        for i in cand:
            roles[i] = Block("para", lines[i].strip(), "title", size=TITLE_SIZE, line=i)
        end = cand[-1]
        if j < len(idx) and DOC_NUMBER_RE.match(lines[idx[j]].strip()):
            roles[idx[j]] = Block("para", lines[idx[j]].strip(), "center", line=idx[j])
            end = idx[j]
    return roles, end


# ---------------------------------------------------------------------------------------------------- metrics

_WIDTHS: dict[str, float] = {}


def char_width(ch: str) -> float:
    """Advance of ``ch`` at 1 pt in STSong-Light."""
    w = _WIDTHS.get(ch)
    if w is None:
        w = _WIDTHS[ch] = pdfmetrics.stringWidth(ch, FONT, 1000) / 1000
    return w


def text_width(text: str, size: float) -> float:
    return sum(char_width(c) for c in text) * size


def fit(text: str, start: int, width: float, size: float) -> int:
    """End index of the longest run ``text[start:end]`` no wider than ``width`` (at least one character)."""
    total = 0.0
    limit = width / size + 1e-6
    end = start
    while end < len(text):
        total += char_width(text[end])
        if total > limit:
            break
        end += 1
    return max(end, start + 1)


def wrap(text: str, width: float, size: float) -> list[str]:
    out, i = [], 0
    while i < len(text):
        j = fit(text, i, width, size)
        out.append(text[i:j])
        i = j
    return out or [""]


# ---------------------------------------------------------------------------------------------------- page plan


@dataclass(frozen=True)
class Frame:
    x: float
    width: float
    slots: int = LINES_PER_PAGE


@dataclass(frozen=True)
class TextOp:
    x: float
    y: float
    text: str
    size: float = BODY_SIZE
    color: tuple[float, float, float] = BLACK
    role: str = "body"
    fake_bold: bool = False
    source_line: int = -1
    continued: bool = False  # a continuation line of the paragraph


@dataclass(frozen=True)
class RuleOp:
    x0: float
    x1: float
    y: float


@dataclass(frozen=True)
class TableChunk:
    col_widths: tuple[float, ...]
    row_heights: tuple[float, ...]
    cells: tuple[tuple[tuple[str, ...], ...], ...]  # rows -> cells -> wrapped lines
    font_size: float
    leading: float
    pad: float


@dataclass(frozen=True)
class TableOp:
    x: float
    y_top: float
    chunk: TableChunk
    source_line: int = -1


@dataclass
class PagePlan:
    number: int
    frames: list[Frame]
    ops: list[TextOp | RuleOp | TableOp] = field(default_factory=list)


@dataclass
class Layout:
    """What ``write_pdf`` produced: the page plans (for checks) and the page count."""

    pages: list[PagePlan]

    @property
    def page_count(self) -> int:
        return len(self.pages)


def single_frame(page_no: int) -> list[Frame]:
    return [Frame(TYPE_LEFT, TYPE_WIDTH)]


def two_column_frames(pages: Iterable[int]) -> Callable[[int], list[Frame]]:
    """Frames function: two columns (column 1 filled before column 2) on ``pages``, one frame elsewhere."""
    wanted = set(pages)
    col = (TYPE_WIDTH - COLUMN_GAP) / 2

    def frames(page_no: int) -> list[Frame]:
        if page_no in wanted:
            return [Frame(TYPE_LEFT, col), Frame(TYPE_LEFT + col + COLUMN_GAP, col)]
        return single_frame(page_no)

    return frames


class _Full(Exception):
    """The requested number of pages is reached."""


def slot_top(slot: int) -> float:
    """PDF y of the top of slot ``slot``."""
    return PAGE_H - TYPE_TOP - slot * LINE_PITCH


class Flow:
    """Places blocks in line slots, frame by frame, page by page."""

    def __init__(
        self,
        frames: Callable[[int], list[Frame]] = single_frame,
        max_pages: int | None = None,
        fake_bold_titles: bool = False,
    ):
        self.frames_fn, self.max_pages, self.fake_bold = frames, max_pages, fake_bold_titles
        self.pages: list[PagePlan] = []
        self._new_page()

    def _new_page(self) -> None:
        n = len(self.pages) + 1
        if self.max_pages is not None and n > self.max_pages:
            raise _Full
        self.pages.append(PagePlan(n, self.frames_fn(n)))
        self.fi, self.slot = 0, 0

    @property
    def frame(self) -> Frame:
        return self.pages[-1].frames[self.fi]

    def _next_frame(self) -> None:
        self.fi += 1
        self.slot = 0
        if self.fi >= len(self.pages[-1].frames):
            self._new_page()

    def reserve(self, n: int) -> tuple[Frame, int]:
        if self.slot + n > self.frame.slots:
            self._next_frame()
        s = self.slot
        self.slot += n
        return self.frame, s

    def at_top(self) -> bool:
        return self.fi == 0 and self.slot == 0

    def add(self, block: Block) -> None:
        if block.kind == "page_break":
            if not self.at_top():
                self._new_page()
        elif block.kind == "blank":
            if self.slot or block.count > 1:
                self.reserve(min(block.count, self.frame.slots - self.slot) or 1)
        elif block.kind == "rule":
            frame, s = self.reserve(1)
            y = slot_top(s) - LINE_PITCH / 2
            self.pages[-1].ops.append(RuleOp(frame.x, frame.x + frame.width, y))
        elif block.kind == "table":
            self._add_table(block)
        else:
            self._add_para(block)

    def _add_para(self, b: Block) -> None:
        size = b.size
        slots = 2 if size > TITLE_SIZE else 1
        color = RED if b.role == "organ" else BLACK
        text, i, first = b.text, 0, True
        while i < len(text):
            frame, s = self.reserve(slots)
            indent = INDENT if (first and b.role == "body") else 0.0
            j = fit(text, i, frame.width - indent, size)
            seg = text[i:j]
            if b.role == "body":
                x = frame.x + indent
            else:
                x = frame.x + (frame.width - text_width(seg, size)) / 2
            if slots == 1 and size == BODY_SIZE:
                y = slot_top(s) - BASELINE_OFFSET
            else:
                box = slots * LINE_PITCH
                y = slot_top(s) - (box - size) / 2 - 0.88 * size
            self.pages[-1].ops.append(
                TextOp(
                    round(x, 3),
                    round(y, 3),
                    seg,
                    size,
                    color,
                    b.role,
                    self.fake_bold and b.role == "title",
                    b.line,
                    not first,
                )
            )
            i, first = j, False

    def _add_table(self, b: Block) -> None:
        frame = self.frame
        col_widths, fs, leading, pad = table_geometry(b.rows, frame.width)
        rows = [tuple(tuple(wrap(cell, w - 2 * pad, fs)) for cell, w in zip(row, col_widths)) for row in b.rows]
        pending = list(rows)
        while pending:
            if self.slot >= self.frame.slots:
                self._next_frame()
            frame = self.frame
            avail = (frame.slots - self.slot) * LINE_PITCH
            take: list[tuple[tuple[str, ...], ...]] = []
            heights: list[float] = []
            used = 0.0
            while pending:
                h = max(len(c) for c in pending[0]) * leading + 2 * pad
                if used + h <= avail:
                    take.append(pending.pop(0))
                    heights.append(h)
                    used += h
                    continue
                if not take and self.slot == 0:  # a row taller than a whole frame: split it between lines
                    n = max(1, int((avail - 2 * pad) // leading))
                    row = pending.pop(0)
                    pending.insert(0, tuple(c[n:] if len(c) > n else ("",) for c in row))
                    take.append(tuple(c[:n] for c in row))
                    heights.append(n * leading + 2 * pad)
                    used += heights[-1]
                break
            if not take:
                self._next_frame()
                continue
            chunk = TableChunk(tuple(col_widths), tuple(heights), tuple(take), fs, leading, pad)
            frame, s = self.reserve(math.ceil(used / LINE_PITCH - 1e-6))
            self.pages[-1].ops.append(TableOp(frame.x, slot_top(s), chunk, b.line))


def table_geometry(rows: Sequence[Sequence[str]], width: float) -> tuple[list[float], float, float, float]:
    """Column widths, font size, leading and padding of a table: short columns keep their natural width."""
    ncols = max(len(r) for r in rows)
    fs = 12.0 if ncols <= 2 else 11.0 if ncols <= 4 else 10.0 if ncols <= 6 else 8.0 if ncols <= 9 else 6.0
    pad = 3.0
    natural = [max(text_width(r[c], fs) if c < len(r) else 0.0 for r in rows) + 2 * pad + 1 for c in range(ncols)]
    minimum = [2 * fs + 2 * pad + 1] * ncols
    natural = [max(n, m) for n, m in zip(natural, minimum)]
    if sum(natural) <= width:
        scale = width / sum(natural)
        widths = [n * scale for n in natural]
    else:  # water-filling: columns narrower than the fair share keep their width
        widths = [0.0] * ncols
        left, rest = width, set(range(ncols))
        while rest:
            share = left / len(rest)
            small = {c for c in rest if natural[c] <= share}
            if not small:
                for c in rest:
                    widths[c] = share
                break
            for c in small:
                widths[c] = natural[c]
                left -= natural[c]
            rest -= small
    return [round(w, 3) for w in widths], fs, round(fs * 1.25, 2), pad


# ---------------------------------------------------------------------------------------------------- rendering


def _table_flowable(chunk: TableChunk) -> Table:
    data = [["\n".join(lines) for lines in row] for row in chunk.cells]
    t = Table(data, colWidths=list(chunk.col_widths), rowHeights=list(chunk.row_heights))
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("FONTSIZE", (0, 0), (-1, -1), chunk.font_size),
                ("LEADING", (0, 0), (-1, -1), chunk.leading),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), chunk.pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), chunk.pad),
                ("TOPPADDING", (0, 0), (-1, -1), chunk.pad),
                ("BOTTOMPADDING", (0, 0), (-1, -1), chunk.pad),
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ]
        )
    )
    return t


def page_number_text(n: int) -> str:
    return f"— {n} —"


def render_page_bitmap(page: PagePlan, dpi: int = 200, running_header: str | None = None):
    """The page drawn as a grayscale bitmap (PIL image) with a CJK TrueType font: a 'scanned' page."""
    from PIL import Image, ImageDraw, ImageFont

    k = dpi / 72
    img = Image.new("L", (round(PAGE_W * k), round(PAGE_H * k)), 255)
    draw = ImageDraw.Draw(img)
    fonts: dict[float, ImageFont.FreeTypeFont] = {}

    def text(x: float, y: float, s: str, size: float, color=BLACK) -> None:
        font = fonts.get(size) or fonts.setdefault(size, ImageFont.truetype(str(UMING), round(size * k), index=0))
        gray = round(255 * (0.299 * color[0] + 0.587 * color[1] + 0.114 * color[2]))
        for ch in s:  # place every character where STSong-Light would put it
            draw.text((x * k, (PAGE_H - y) * k), ch, fill=gray, font=font, anchor="ls")
            x += char_width(ch) * size

    if running_header and page.number >= 2:
        text(
            _centred_x(running_header, RUNNING_HEADER_SIZE),
            PAGE_H - RUNNING_HEADER_BASELINE,
            running_header,
            RUNNING_HEADER_SIZE,
        )
    for op in page.ops:
        if isinstance(op, TextOp):
            text(op.x, op.y, op.text, op.size, op.color)
        elif isinstance(op, RuleOp):
            draw.rectangle(
                [op.x0 * k, (PAGE_H - op.y - RULE_WIDTH / 2) * k, op.x1 * k, (PAGE_H - op.y + RULE_WIDTH / 2) * k],
                fill=90,
            )
        else:
            c = op.chunk
            y = op.y_top
            for row, h in zip(c.cells, c.row_heights):
                x = op.x
                for lines, w in zip(row, c.col_widths):
                    draw.rectangle([x * k, (PAGE_H - y) * k, (x + w) * k, (PAGE_H - y + h) * k], outline=0)
                    for n, line in enumerate(lines):
                        text(x + c.pad, y - c.pad - c.font_size - n * c.leading, line, c.font_size)
                    x += w
                y -= h
    label = page_number_text(page.number)
    text(_centred_x(label, PAGE_NUMBER_SIZE), PAGE_H - PAGE_NUMBER_BASELINE, label, PAGE_NUMBER_SIZE)
    return img


def _centred_x(text: str, size: float) -> float:
    return TYPE_LEFT + (TYPE_WIDTH - text_width(text, size)) / 2


def render_pdf(
    pages: Sequence[PagePlan],
    path: Path | str,
    *,
    running_header: str | None = None,
    image_pages: Iterable[int] = (),
    title: str = "",
    author: str = "",
    dpi: int = 200,
) -> None:
    """Draw page plans with reportlab; pages in ``image_pages`` become a bitmap without text layer."""
    images = set(image_pages)
    c = rl_canvas.Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator("Zhengce scripts/make_fixtures.py")
    c.setSubject("test fixture typeset after GB/T 9704")
    for page in pages:
        if page.number in images:
            img = render_page_bitmap(page, dpi, running_header)
            c.drawImage(ImageReader(img), 0, 0, PAGE_W, PAGE_H)
            c.showPage()
            continue
        if running_header and page.number >= 2:
            c.setFillColorRGB(*BLACK)
            c.setFont(FONT, RUNNING_HEADER_SIZE)
            c.drawString(
                _centred_x(running_header, RUNNING_HEADER_SIZE), PAGE_H - RUNNING_HEADER_BASELINE, running_header
            )
        for op in page.ops:
            if isinstance(op, TextOp):
                c.setFillColorRGB(*op.color)
                c.setFont(FONT, op.size)
                c.drawString(op.x, op.y, op.text)
                if op.fake_bold:
                    c.drawString(op.x + 0.4, op.y, op.text)
            elif isinstance(op, RuleOp):
                c.setStrokeColorRGB(*RED)
                c.setLineWidth(RULE_WIDTH)
                c.line(op.x0, op.y, op.x1, op.y)
            else:
                t = _table_flowable(op.chunk)
                _, h = t.wrapOn(c, sum(op.chunk.col_widths), sum(op.chunk.row_heights))
                t.drawOn(c, op.x, op.y_top - h)
        label = page_number_text(page.number)
        c.setFillColorRGB(*BLACK)
        c.setFont(FONT, PAGE_NUMBER_SIZE)
        c.drawString(_centred_x(label, PAGE_NUMBER_SIZE), PAGE_H - PAGE_NUMBER_BASELINE, label)
        c.showPage()
    c.save()


def layout_blocks(
    blocks: Sequence[Block],
    *,
    frames: Callable[[int], list[Frame]] = single_frame,
    pages: int | None = None,
    fake_bold_titles: bool = False,
) -> list[PagePlan]:
    """Flow blocks into page plans; with ``pages`` the blocks are repeated until exactly that many pages are full."""
    flow = Flow(frames, pages, fake_bold_titles)
    try:
        while True:
            for b in blocks:
                flow.add(b)
            if pages is None or not blocks:
                break
            flow.add(Block("page_break"))
    except _Full:
        pass
    return flow.pages


def write_pdf(
    lines: Sequence[str],
    path: Path | str,
    *,
    pages: int | None = None,
    doc_starts: Iterable[int] = (0,),
    part_pages: Iterable[int] = (),
    centered: Iterable[int] = (),
    red_header: bool = True,
    running_header: str | None = None,
    two_column_pages: Iterable[int] = (),
    image_pages: Iterable[int] = (),
    fake_bold_titles: bool = False,
    title: str = "",
    author: str = "",
) -> Layout:
    """Typeset ``lines`` as an official-document PDF at ``path``.

    Args:
        lines: source lines (one paragraph per non-empty line; tab-separated lines are table rows).
        path: output file.
        pages: if given, repeat the text until exactly this many pages are produced (for benchmarks).
        doc_starts, part_pages, centered, red_header: see ``lines_to_blocks``.
        running_header: text printed in small type above the type area from page 2 on.
        two_column_pages: 1-based pages laid out in two columns.
        image_pages: 1-based pages rasterised to a 200 dpi grayscale image, with no text layer.
        fake_bold_titles: draw title lines twice, 0.4 pt apart.
        title, author: PDF metadata.

    Returns:
        The layout (page plans), e.g. ``write_pdf(...).page_count``.
    """
    blocks = lines_to_blocks(
        lines, doc_starts=doc_starts, part_pages=part_pages, centered=centered, red_header=red_header
    )
    frames = two_column_frames(two_column_pages) if two_column_pages else single_frame
    plans = layout_blocks(blocks, frames=frames, pages=pages, fake_bold_titles=fake_bold_titles)
    render_pdf(plans, path, running_header=running_header, image_pages=image_pages, title=title, author=author)
    return Layout(plans)
