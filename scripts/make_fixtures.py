#!/usr/bin/env python3
"""Generate the Zhengce test fixtures (PDF, DOCX, HTML) from corpus/texts/*.txt.

Usage:
    python scripts/make_fixtures.py            # (re)write corpus/pdf, corpus/docx, corpus/html, corpus/FIXTURES.md
    python scripts/make_fixtures.py --check    # also verify every PDF against its source text

Needs (besides reportlab, pillow, python-docx, pypdfium2, pdfplumber): ``pip install pikepdf fonttools`` and the
Debian package ``fonts-arphic-uming`` (AR PL UMing, used for the no-ToUnicode and the scanned page).

The layout contract is described in ``scripts/_layout.py``. For a benchmark:

    from make_fixtures import write_large_pdf
    write_large_pdf("/tmp/big.pdf", pages=1000)     # the compendium, repeated
"""

from __future__ import annotations

import argparse
import html
import io
import logging
import random
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _layout import (
    BODY_SIZE,
    FONT,
    UMING,
    Layout,
    TableOp,
    TextOp,
    char_width,
    lines_to_blocks,
    page_number_text,
    write_pdf,
)

__all__ = ["compendium_options", "main", "read_lines", "write_large_pdf", "write_pdf"]

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "corpus" / "texts"
PDF_DIR = ROOT / "corpus" / "pdf"
BAD_DIR = ROOT / "tests" / "fixtures" / "bad"  # bad input for tests: not part of the corpus
DOCX_DIR = ROOT / "corpus" / "docx"
HTML_DIR = ROOT / "corpus" / "html"

S000, S001, S002, S003, S004 = (
    "000_0fce187c97867da1",
    "001_e001dd900bee0134",
    "002_f15aeebbaef14a54",
    "003_65af231806fc8ace",
    "004_a7a4461144ba7e7b",
)
# First line (1-based) of each of the 30 documents of the compendium, as in golden/004_*.json source.lines.
COMPENDIUM_DOC_STARTS = (
    52,
    110,
    262,
    354,
    488,
    608,
    714,
    977,
    1029,
    1116,
    1164,
    1270,
    1364,
    1590,
    1626,
    1799,
    1960,
    2056,
    2243,
    2297,
    2437,
    2518,
    2697,
    3027,
    3131,
    3215,
    3401,
    3451,
    3649,
    3769,
)
COMPENDIUM_PART_LINES = (50, 2054)  # "第一部分 省级政策文件汇编" / "第二部分 …": each alone on a page
COMPENDIUM_CENTERED = (3, 5, 27)  # "目 录" and the part titles inside the table of contents
RUNNING_HEADER_003 = "新密市人民政府关于进一步做好稳就业工作的实施意见"
SPECIAL_PAGE = 2  # the page of 003 that is two-column / no-ToUnicode / scanned


def read_lines(stem: str) -> list[str]:
    return (TEXTS / f"{stem}.txt").read_text(encoding="utf-8").split("\n")


def compendium_options() -> dict:
    """``write_pdf`` keyword arguments that typeset the compendium (004) as printed: TOC, part pages, 30 documents."""
    return {
        "doc_starts": [n - 1 for n in COMPENDIUM_DOC_STARTS],
        "part_pages": [n - 1 for n in COMPENDIUM_PART_LINES],
        "centered": [n - 1 for n in COMPENDIUM_CENTERED],
        "title": "河南省就业创业政策文件汇编",
    }


def write_large_pdf(path: Path | str, pages: int = 1000) -> Layout:
    """The compendium typeset and repeated until ``pages`` pages (benchmark input)."""
    return write_pdf(read_lines(S004), path, pages=pages, **compendium_options())


def _centered_001(lines: Sequence[str]) -> list[int]:
    return [lines.index("推动高质量就业工作的若干措施")]


# ---------------------------------------------------------------------------------------------------- PDFs


def make_pdfs() -> dict[str, Layout]:
    PDF_DIR.mkdir(parents=True, exist_ok=True)
    out: dict[str, Layout] = {}
    l001, l002, l003 = read_lines(S001), read_lines(S002), read_lines(S003)
    out[f"{S001}.pdf"] = write_pdf(
        l001,
        PDF_DIR / f"{S001}.pdf",
        centered=_centered_001(l001),
        title="关于印发《推动高质量就业工作的若干措施》的通知",
    )
    out[f"{S002}.pdf"] = write_pdf(l002, PDF_DIR / f"{S002}.pdf", title="南开区人社局促进专精特新企业发展专项服务办法")
    out[f"{S004}.pdf"] = write_pdf(read_lines(S004), PDF_DIR / f"{S004}.pdf", **compendium_options())
    t003 = "新密市人民政府关于进一步做好稳就业工作的实施意见"
    out[f"{S003}.pdf"] = write_pdf(l003, PDF_DIR / f"{S003}.pdf", title=t003)
    out["003-running-header.pdf"] = write_pdf(
        l003, PDF_DIR / "003-running-header.pdf", title=t003, running_header=RUNNING_HEADER_003
    )
    out["003-two-column.pdf"] = write_pdf(
        l003, PDF_DIR / "003-two-column.pdf", title=t003, two_column_pages=[SPECIAL_PAGE]
    )
    out["003-fake-bold.pdf"] = write_pdf(l003, PDF_DIR / "003-fake-bold.pdf", title=t003, fake_bold_titles=True)
    out["003-scanned.pdf"] = write_pdf(l003, PDF_DIR / "003-scanned.pdf", title=t003, image_pages=[SPECIAL_PAGE])
    out["003-no-tounicode.pdf"] = write_pdf(l003, PDF_DIR / "003-no-tounicode.pdf", title=t003)
    strip_tounicode(PDF_DIR / "003-no-tounicode.pdf", page_no=SPECIAL_PAGE)
    make_bad_pdfs(PDF_DIR / f"{S001}.pdf")
    return out


def strip_tounicode(path: Path, page_no: int, seed: int = 3) -> None:
    """Re-encode page ``page_no`` in an embedded AR PL UMing subset that has neither ToUnicode nor cmap.

    The page's text is shown with a Type0/Identity-H font whose codes are scrambled CIDs in the CJK range
    (0x4E00–0x9DFF) mapped to the subset's glyphs by a CIDToGIDMap stream. Viewers draw the right glyphs (widths are
    STSong-Light's, so positions do not move); text extraction cannot map codes to Unicode: pdfplumber gives
    ``(cid:N)``, pypdfium2 gives plausible but wrong Hanzi.
    """
    import pikepdf
    from fontTools import subset
    from fontTools.ttLib import TTFont

    pdf = pikepdf.open(path, allow_overwriting_input=True)
    page = pdf.pages[page_no - 1]
    fonts = page.obj.Resources.Font
    cid_names = {str(k) for k, v in fonts.items() if str(v.get("/BaseFont")) == f"/{FONT}"}
    instructions = pikepdf.parse_content_stream(page)
    chars: set[str] = set()
    current = None
    for ins in instructions:
        operands, op = ins.operands, ins.operator
        if str(op) == "Tf":
            current = str(operands[0])
        elif str(op) in ("Tj", "'", '"') and current in cid_names:
            chars |= set(bytes(operands[-1]).decode("utf-16-be"))
    ordered = sorted(chars)
    cids = random.Random(seed).sample(range(0x4E00, 0x9E00), len(ordered))

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "BDF  NOT subset; … dropped"
    font = TTFont(str(UMING), fontNumber=0, recalcTimestamp=False)
    opts = subset.Options()
    opts.notdef_outline = True
    opts.name_IDs = ["*"]
    opts.glyph_names = False
    opts.drop_tables += ["FFTM", "GDEF", "GPOS", "GSUB", "BDF ", "EBDT", "EBLC", "EBSC"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=[ord(c) for c in ordered])
    sub.subset(font)
    cmap = font.getBestCmap()
    gid = {c: font.getGlyphID(cmap[ord(c)]) for c in ordered}
    del font["cmap"]
    buf = io.BytesIO()
    font.save(buf)

    code = {c: cid for c, cid in zip(ordered, cids)}
    cid_to_gid = bytearray(2 * (max(cids) + 1))
    for c, cid in code.items():
        cid_to_gid[2 * cid : 2 * cid + 2] = gid[c].to_bytes(2, "big")
    widths = pikepdf.Array()
    for c, cid in sorted(code.items(), key=lambda kv: kv[1]):
        widths.extend([cid, pikepdf.Array([round(char_width(c) * 1000)])])
    name = pikepdf.Name("/ZCPAAA+ARPLUMingCN")
    descriptor = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.FontDescriptor,
            FontName=name,
            Flags=4,
            FontBBox=[-1, -164, 1025, 858],
            ItalicAngle=0,
            Ascent=858,
            Descent=-164,
            CapHeight=700,
            StemV=80,
            FontFile2=pdf.make_stream(buf.getvalue()),
        )
    )
    descendant = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.CIDFontType2,
            BaseFont=name,
            CIDSystemInfo=pikepdf.Dictionary(Registry="Adobe", Ordering="Identity", Supplement=0),
            FontDescriptor=descriptor,
            DW=1000,
            W=widths,
            CIDToGIDMap=pdf.make_stream(bytes(cid_to_gid)),
        )
    )
    type0 = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type0,
            BaseFont=name,
            Encoding=pikepdf.Name("/Identity-H"),
            DescendantFonts=[descendant],
        )
    )
    resources = pikepdf.Dictionary(page.obj.Resources)
    new_fonts = pikepdf.Dictionary(fonts)
    new_fonts["/FU"] = type0
    resources["/Font"] = new_fonts
    page.obj["/Resources"] = resources

    out = []
    current = None
    for ins in instructions:
        operands, op = list(ins.operands), ins.operator
        if str(op) == "Tf":
            current = str(operands[0])
            if current in cid_names:
                operands[0] = pikepdf.Name("/FU")
        elif str(op) in ("Tj", "'", '"') and current in cid_names:
            text = bytes(operands[-1]).decode("utf-16-be")
            operands[-1] = pikepdf.String(b"".join(code[c].to_bytes(2, "big") for c in text))
        out.append(pikepdf.ContentStreamInstruction(operands, op))
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))
    pdf.save(path, deterministic_id=True, compress_streams=True)


def make_bad_pdfs(good: Path) -> None:
    import pikepdf

    bad = BAD_DIR
    bad.mkdir(parents=True, exist_ok=True)
    data = good.read_bytes()
    (bad / "truncated.pdf").write_bytes(data[: len(data) * 40 // 100])
    (bad / "empty.pdf").write_bytes(b"")
    (bad / "garbage.pdf").write_bytes(random.Random(20240601).randbytes(16384))
    with pikepdf.open(good) as pdf:
        # RC4-128 (R=4 without AES) and a static /ID have no random part: the file is the same on every run
        pdf.save(
            bad / "encrypted.pdf",
            static_id=True,
            encryption=pikepdf.Encryption(user="zhengce", owner="zhengce-owner", R=4, aes=False, metadata=False),
        )


# ---------------------------------------------------------------------------------------------------- DOCX

CN_LABEL_RE = re.compile(r"^([一二三四五六七八九十]+)、")  # "一、开展…"
NUM_LABEL_RE = re.compile(r"^(\d+)\.(?!\d)")  # "1.提供…" (not "1.5")
CN_DIGITS = "一二三四五六七八九十"
FIXED_TIME = (2024, 1, 1, 0, 0, 0)


def _cn_number(n: int) -> str:
    """1 -> 一, 12 -> 十二 (up to 99), as Word's chineseCounting prints."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else CN_DIGITS[tens - 1]) + "十" if tens else "") + (CN_DIGITS[ones - 1] if ones else "")


def _numbering_xml(abstract_id: int, fmt: str, text: str) -> str:
    return (
        f'<w:abstractNum {_W_NS} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="nothing"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl></w:abstractNum>'
    )


_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _add_lists(document) -> dict[str, int]:
    """Add two single-level lists to numbering.xml: 一、二、 (chineseCounting, "%1、") and 1. 2. (decimal, "%1.")."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    ids = {}
    for key, abstract_id, fmt, text in (("cn", 90, "chineseCounting", "%1、"), ("dec", 91, "decimal", "%1.")):
        abstract = parse_xml(_numbering_xml(abstract_id, fmt, text))
        first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(
            parse_xml(f'<w:num {_W_NS} w:numId="{abstract_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
        )
        ids[key] = abstract_id
    return ids


def _set_num(paragraph, num_id: int) -> None:
    from docx.oxml import parse_xml

    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:numPr {_W_NS}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _east_asian(run, name: str) -> None:
    from docx.oxml.ns import qn

    run.font.name = name
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


_PBDR_SUCCESSORS = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _red_rule_below(paragraph) -> None:
    from docx.oxml import parse_xml

    border = parse_xml(f'<w:pBdr {_W_NS}><w:bottom w:val="single" w:sz="16" w:space="6" w:color="E60012"/></w:pBdr>')
    paragraph._p.get_or_add_pPr().insert_element_before(border, *_PBDR_SUCCESSORS)


def write_docx(lines: Sequence[str], path: Path, *, auto_numbering: bool, title: str, centered=()) -> dict:
    """One paragraph per source line; the head as in the PDF; optional real Word numbering for 一、 and 1. labels.

    Returns counts of what was written (paragraphs, numbered items, tables).
    """
    import datetime

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = "仿宋_GB2312"
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "仿宋_GB2312"
    )
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = Pt(29)
    props = document.core_properties
    props.title, props.author, props.comments = title, "Zhengce fixtures", "generated by scripts/make_fixtures.py"
    props.created = props.modified = datetime.datetime(*FIXED_TIME)
    props.last_modified_by, props.revision = "Zhengce fixtures", 1

    lists = _add_lists(document) if auto_numbering else {}
    expected = {"cn": 1, "dec": 1}
    counts = {"paragraphs": 0, "numbered": 0, "tables": 0}
    for block in lines_to_blocks(lines, centered=centered):
        if block.kind == "table":
            ncols = max(len(r) for r in block.rows)
            table = document.add_table(rows=len(block.rows), cols=ncols)
            table.style = "Table Grid"
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            counts["tables"] += 1
            continue
        if block.kind != "para":
            if block.kind == "rule" and document.paragraphs:
                _red_rule_below(document.paragraphs[-1])
            continue
        text, num_id = block.text, None
        if auto_numbering and block.role == "body":
            for key, rx in (("cn", CN_LABEL_RE), ("dec", NUM_LABEL_RE)):
                m = rx.match(text)
                if m:
                    label = _cn_number(expected[key]) if key == "cn" else str(expected[key])
                    # Word continues a list through the document: the printed labels must be the list's sequence
                    assert m.group(1) == label, (m.group(0), label)
                    expected[key] += 1
                    text, num_id = text[m.end() :], lists[key]
        p = document.add_paragraph()
        run = p.add_run(text)
        counts["paragraphs"] += 1
        if num_id is not None:
            _set_num(p, num_id)
            counts["numbered"] += 1
        fmt = p.paragraph_format
        if block.role == "body":
            fmt.first_line_indent = Pt(32)
        else:
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if block.role == "organ":
            run.font.size = Pt(block.size)
            run.font.color.rgb = RGBColor(0xE6, 0x00, 0x12)
            _east_asian(run, "方正小标宋简体")
        elif block.role == "title":
            run.font.size = Pt(22)
            _east_asian(run, "方正小标宋简体")
    document.save(path)
    _normalize_zip(path)
    return counts


def _normalize_zip(path: Path) -> None:
    """Rewrite a zip with fixed member dates so that re-runs give identical bytes."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        members = [(info.filename, z.read(info)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)


def make_docx() -> dict[str, dict]:
    DOCX_DIR.mkdir(parents=True, exist_ok=True)
    l001, l002 = read_lines(S001), read_lines(S002)
    return {
        f"{S002}.docx": write_docx(
            l002, DOCX_DIR / f"{S002}.docx", auto_numbering=True, title="南开区人社局促进专精特新企业发展专项服务办法"
        ),
        f"{S001}.docx": write_docx(
            l001,
            DOCX_DIR / f"{S001}.docx",
            auto_numbering=False,
            title="关于印发《推动高质量就业工作的若干措施》的通知",
            centered=_centered_001(l001),
        ),
    }


# ---------------------------------------------------------------------------------------------------- HTML


@dataclass(frozen=True)
class Site:
    name: str  # site / organ name
    title: str
    date: str  # 发布时间
    source: str  # 来源
    charset: str  # "utf-8" or "gbk"
    domain_code: str  # 网站标识码 (invented)
    icp: str  # ICP 备案号 (invented)
    phone: str
    address: str
    hits: int


SITES = {
    S000: Site(
        "南阳市人力资源和社会保障局",
        "对市政协七届三次会议第73050号提案的答复",
        "2025-10-17 16:30:12",
        "南阳市人力资源和社会保障局",
        "utf-8",
        "4113000041",
        "豫ICP备05009876号-1",
        "0377-63136520",
        "南阳市卧龙区张衡路1088号",
        1287,
    ),
    S002: Site(
        "天津市南开区人民政府",
        "南开区人社局促进专精特新企业发展专项服务办法",
        "2023-10-18 09:12:45",
        "南开区人力资源和社会保障局",
        "gbk",
        "1201040003",
        "津ICP备05004321号",
        "022-27358899",
        "天津市南开区红旗路246号",
        3562,
    ),
}
NAV = ("首页", "政务公开", "政策文件", "新闻动态", "办事服务", "互动交流", "专题专栏")
SIDEBAR = ("通知公告", "政策文件", "政策解读", "规划计划", "人事信息", "财政资金", "建议提案办理", "依申请公开")


def write_html(lines: Sequence[str], path: Path, site: Site) -> int:
    """A government-site article page; the body is one <p> per source line (tab rows: a <table>)."""
    e = html.escape
    body: list[str] = []
    for block in lines_to_blocks(lines, red_header=False):
        if block.kind == "table":
            rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>\n" for row in block.rows)
            body.append(f'<table class="bj" border="1" cellspacing="0" cellpadding="4">\n{rows}</table>')
        elif block.kind == "para":
            style = "text-align: center;" if block.role != "body" else "text-indent: 2em;"
            body.append(f'<p style="{style}">{e(block.text)}</p>')
    nav = "\n".join(
        f'      <li><a href="/{"index" if i == 0 else f"col/col{1000 + i}"}.html">{n}</a></li>'
        for i, n in enumerate(NAV)
    )
    side = "\n".join(f'        <li><a href="/col/col{2000 + i}/index.html">{n}</a></li>' for i, n in enumerate(SIDEBAR))
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{site.charset}">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="SiteName" content="{e(site.name)}">
<meta name="ArticleTitle" content="{e(site.title)}">
<meta name="PubDate" content="{site.date[:16]}">
<meta name="ContentSource" content="{e(site.source)}">
<title>{e(site.title)}_{e(site.name)}</title>
<link rel="stylesheet" type="text/css" href="/css/common.css">
<script type="text/javascript" src="/js/jquery-1.11.3.min.js"></script>
<script type="text/javascript">
  var _hmt = _hmt || [];
  (function () {{
    var hm = document.createElement("script");
    hm.src = "/js/stat.js?v=20230601";
    var s = document.getElementsByTagName("script")[0];
    s.parentNode.insertBefore(hm, s);
  }})();
  function setFontSize(size) {{ $(".TRS_Editor p").css("font-size", size + "px"); }}
</script>
<style>
  body {{ margin: 0; font-family: "Microsoft YaHei", SimSun, sans-serif; }}
  .nav ul {{ list-style: none; margin: 0; padding: 0; background: #b5121b; }}
  .nav li {{ display: inline-block; padding: 10px 18px; }}
  .nav a {{ color: #fff; text-decoration: none; }}
  .main {{ width: 1200px; margin: 0 auto; overflow: hidden; }}
  .sidebar {{ float: left; width: 240px; }}
  .article {{ float: right; width: 920px; }}
  .TRS_Editor p {{ font-size: 16px; line-height: 2; margin: 0; }}
</style>
</head>
<body>
<div class="topbar">
  <span>欢迎访问{e(site.name)}网站！今天是<script type="text/javascript">
    var d = new Date(); document.write(d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日");
  </script></span>
  <span class="tools"><a href="javascript:void(0);">无障碍浏览</a> | <a href="javascript:void(0);">长者模式</a> | <a href="/sitemap.html">网站地图</a></span>
</div>
<div class="header"><a href="/"><img src="/images/logo.png" alt="{e(site.name)}"></a>
  <form class="search" action="/search.html" method="get"><input type="text" name="q" placeholder="请输入关键字"><button type="submit">搜索</button></form>
</div>
<div class="nav">
  <ul>
{nav}
  </ul>
</div>
<div class="main">
  <div class="location">当前位置：<a href="/index.html">首页</a> &gt; <a href="/col/col1001.html">政务公开</a> &gt; <a href="/col/col1002.html">政策文件</a></div>
  <div class="sidebar">
    <h3>政务公开</h3>
    <ul>
{side}
    </ul>
    <h3>热点专题</h3>
    <ul>
      <li><a href="/zt/wrzwq/index.html">万人助万企</a></li>
      <li><a href="/zt/jycy/index.html">稳就业 促发展</a></li>
    </ul>
  </div>
  <div class="article">
    <h1 class="article-title">{e(site.title)}</h1>
    <div class="info">发布时间：{site.date}&nbsp;&nbsp;来源：{e(site.source)}&nbsp;&nbsp;浏览次数：<span id="hits">{site.hits}</span>&nbsp;&nbsp;【字体：<a href="javascript:setFontSize(20)">大</a> <a href="javascript:setFontSize(16)">中</a> <a href="javascript:setFontSize(14)">小</a>】&nbsp;【<a href="javascript:window.print()">打印</a>】</div>
    <div class="TRS_Editor">
{chr(10).join(body)}
    </div>
    <div class="share">分享到：<a href="javascript:void(0);">微信</a> <a href="javascript:void(0);">微博</a></div>
    <div class="close"><a href="javascript:window.close()">【关闭窗口】</a></div>
  </div>
</div>
<div class="footer">
  <p>主办单位：{e(site.name)}&nbsp;&nbsp;地址：{e(site.address)}&nbsp;&nbsp;联系电话：{site.phone}</p>
  <p>网站标识码：{site.domain_code}&nbsp;&nbsp;<a href="https://beian.miit.gov.cn/">{site.icp}</a>&nbsp;&nbsp;建议使用1920×1080分辨率浏览</p>
</div>
<script type="text/javascript">
  $(function () {{ $.get("/api/hits?id=" + $("#hits").text()); }});
</script>
</body>
</html>
"""
    path.write_bytes(page.encode(site.charset))
    return sum(1 for b in body if b.startswith("<p"))


def make_html() -> dict[str, int]:
    HTML_DIR.mkdir(parents=True, exist_ok=True)
    return {
        f"{stem}.html": write_html(read_lines(stem), HTML_DIR / f"{stem}.html", site) for stem, site in SITES.items()
    }


# ---------------------------------------------------------------------------------------------------- checks

_WS = re.compile(r"\s+")


def _squash(s: str) -> str:
    return _WS.sub("", s).replace("\ufffe", "-")


def _plan_texts(page, running_header: str | None, doubled_titles: bool = False) -> list[str]:
    out = [running_header] if running_header and page.number >= 2 else []
    for op in page.ops:
        if isinstance(op, TextOp):
            out += [op.text, op.text] if (doubled_titles and op.fake_bold) else [op.text]
        elif isinstance(op, TableOp):
            out += [line for row in op.chunk.cells for cell in row for line in cell]
    return out + [page_number_text(page.number)]


def check_contract(layout: Layout) -> None:
    """Every body paragraph: 2-character indent, continuation lines at the frame edge, wrapped lines full."""
    for page in layout.pages:
        ops = [op for op in page.ops if isinstance(op, TextOp)]
        for k, op in enumerate(ops):
            frame = next(f for f in page.frames if f.x - 0.01 <= op.x <= f.x + f.width)
            nxt = ops[k + 1] if k + 1 < len(ops) else None
            if op.role == "body":
                want = frame.x + (0 if op.continued else 2 * BODY_SIZE)
                assert abs(op.x - want) < 0.01, (page.number, op)
            if nxt is not None and nxt.continued and nxt.source_line == op.source_line:
                right = op.x + sum(char_width(c) for c in op.text) * op.size
                room = frame.x + frame.width - right
                assert -0.01 <= room < char_width(nxt.text[0]) * op.size, (page.number, op.text, room)


def check_pdf(
    path: Path,
    layout: Layout,
    lines: Sequence[str],
    *,
    running_header: str | None = None,
    scanned: Sequence[int] = (),
    garbled: Sequence[int] = (),
    fake_bold: bool = False,
) -> str:
    """Compare the text layer of ``path`` page by page with the plan, and the plan with the source text."""
    import pdfplumber
    import pypdfium2 as pdfium

    check_contract(layout)
    body = "".join(
        _squash(t)
        for p in layout.pages
        for op in p.ops
        for t in (
            [op.text]
            if isinstance(op, TextOp)
            else [x for row in op.chunk.cells for cell in row for x in cell]
            if isinstance(op, TableOp)
            else []
        )
    )
    source = "".join(_squash(line) for line in lines)
    assert body == source, f"{path.name}: plan text differs from the source"
    pdf = pdfium.PdfDocument(path)
    assert len(pdf) == layout.page_count, (path.name, len(pdf), layout.page_count)
    notes = []
    for page, plan in zip(pdf, layout.pages):
        got = _squash(page.get_textpage().get_text_range())
        want = _squash("".join(_plan_texts(plan, running_header)))
        if plan.number in scanned:
            assert got == "", (path.name, plan.number)
            assert any(obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects())
            notes.append(f"page {plan.number}: no text, one image")
        elif plan.number in garbled:
            share = sum(a == b for a, b in zip(got, want)) / max(1, len(want))
            assert share < 0.05, (path.name, plan.number, share)
            with pdfplumber.open(path) as doc:
                assert "(cid:" in doc.pages[plan.number - 1].extract_text()
            notes.append(f"page {plan.number}: pypdfium2 {share:.0%} right, pdfplumber (cid:N)")
        elif got != want:
            doubled = _squash("".join(_plan_texts(plan, running_header, doubled_titles=True)))
            assert fake_bold and got == doubled, (path.name, plan.number, got[:80], want[:80])
            notes.append(f"page {plan.number}: pypdfium2 doubles the fake-bold title")
    return "; ".join(notes) or "text layer = source"


# ---------------------------------------------------------------------------------------------------- FIXTURES.md

PDF_NOTES = {
    f"{S001}.pdf": (
        S001,
        "red header (organ name + 文号 + red rule), centred 22 pt title, sentences split across pages",
    ),
    f"{S002}.pdf": (S002, "no red header (starts with the title), numbered measures 1.–15. as text"),
    f"{S004}.pdf": (
        S004,
        (
            "the 30-document compendium: table of contents, part-title pages, every document on a new "
            "page with a red organ header (multi-organ stacks too), ruled tables (GRID, wrapped cells, "
            "split across pages), continuous page numbers"
        ),
    ),
    f"{S003}.pdf": (S003, "plain: red header, 28×22 grid, hard-wrapped source lines"),
    "003-running-header.pdf": (
        S003,
        (f"running header `{RUNNING_HEADER_003}` (10.5 pt) above the type area on pages 2–end"),
    ),
    "003-two-column.pdf": (
        S003,
        (f"page {SPECIAL_PAGE} in two columns (216 pt wide, 16 pt gap); column 1 is drawn before column 2"),
    ),
    "003-fake-bold.pdf": (S003, "title lines drawn twice, the second 0.4 pt to the right (fake bold)"),
    "003-no-tounicode.pdf": (
        S003,
        (
            f"page {SPECIAL_PAGE} in an embedded AR PL UMing subset (Type0, Identity-H, "
            "scrambled CIDs, no ToUnicode, no cmap): pypdfium2 returns wrong Hanzi, "
            "pdfplumber `(cid:N)`; other pages normal"
        ),
    ),
    "003-scanned.pdf": (
        S003,
        (f"page {SPECIAL_PAGE} is a 200 dpi grayscale image with no text layer; other pages normal"),
    ),
    "bad/truncated.pdf": (S001, "the first 40% of the bytes of the 001 PDF"),
    "bad/encrypted.pdf": (S001, "the 001 PDF with user password `zhengce` (owner `zhengce-owner`, RC4-128)"),
    "bad/empty.pdf": ("—", "0 bytes"),
    "bad/garbage.pdf": ("—", "16 KiB of random bytes (seed 20240601)"),
}


def _size(path: Path) -> str:
    n = path.stat().st_size
    return f"{n / 1024:.0f} KiB" if n >= 1024 else f"{n} B"


def write_fixtures_md(pdfs: dict[str, Layout], docx: dict[str, dict], htmls: dict[str, int]) -> None:
    rows = ["| file | pages | size | source text | what it exercises |", "| --- | --- | --- | --- | --- |"]
    for name, (stem, what) in PDF_NOTES.items():
        pages = pdfs[name].page_count if name in pdfs else "—"
        src = f"`texts/{stem}.txt`" if stem != "—" else "—"
        path = BAD_DIR / name.removeprefix("bad/") if name.startswith("bad/") else PDF_DIR / name
        shown = f"../tests/fixtures/{name}" if name.startswith("bad/") else f"pdf/{name}"
        rows.append(f"| `{shown}` | {pages} | {_size(path)} | {src} | {what}. |")
    for name, c in docx.items():
        stem = name.rsplit(".", 1)[0]
        what = (
            "real Word automatic numbering: 一、 (abstractNum 90, chineseCounting, `%1、`) and 1. (abstractNum 91, "
            "decimal, `%1.`); the labels are not in the paragraph text"
            if c["numbered"]
            else "labels kept as text; red organ header with a red bottom border under the 文号"
        )
        rows.append(
            f"| `docx/{name}` | — | {_size(DOCX_DIR / name)} | `texts/{stem}.txt` | {c['paragraphs']} "
            f"paragraphs, one per source line, title centred; {what}; {c['numbered']} numbered |"
        )
    for name, n in htmls.items():
        stem = name.rsplit(".", 1)[0]
        site = SITES[stem]
        rows.append(
            f"| `html/{name}` | — | {_size(HTML_DIR / name)} | `texts/{stem}.txt` | saved government "
            f'article page, {site.charset.upper()} (`<meta charset="{site.charset}">`): scripts, nav bar, '
            f"breadcrumbs, sidebar, `<h1>` title, info line, body in `div.TRS_Editor` ({n} `<p>`, tab rows "
            f"as a `<table>`), footer |"
        )
    text = f"""# Fixtures

Generated from `corpus/texts/` by `scripts/make_fixtures.py`; do not edit by hand. Regenerate with

    . .venv/bin/activate
    pip install pikepdf fonttools        # besides reportlab, pillow, python-docx, pypdfium2, pdfplumber
    apt-get install -y fonts-arphic-uming
    python scripts/make_fixtures.py --check

Re-runs give identical bytes. A large PDF for benchmarks (not stored):
`python -c "import sys; sys.path.insert(0, 'scripts'); import make_fixtures as m; m.write_large_pdf('/tmp/big.pdf', pages=1000)"`.

{chr(10).join(rows)}

## Layout (all PDFs except `bad/`)

Typeset after GB/T 9704 on A4 (595.28 × 841.89 pt). Coordinates below are in points, `top` measured down from the
top edge of the page (PDF y = 841.89 − top).

- Type area: x 74 – 522 (448 pt), top 105 – 743: 22 line slots of 29 pt. Body: STSong-Light (reportlab CID font,
  not embedded), 16 pt, 28 full-width characters a line. Baseline of slot i (0-based): top = 126 + 29·i.
- Every non-empty source line is a paragraph starting in a new slot. Body paragraphs: first line at x = 106 (2
  characters indent), continuation lines at x = 74; lines filled greedily to 522 (less than the next character's
  width left), one `drawString` per line, no justification; leading/trailing spaces of a source line are dropped,
  inner spaces kept. Pages break when 22 slots are full, mid-sentence.
- Head of a document: organ lines in red (RGB 230,0,18) centred, as large as fits the width up to 36 pt for a
  single organ line (2 slots when above 22 pt), up to 26/22 pt (1 slot each) for stacks of organs; a blank slot; the 文号 centred at 16 pt; a red rule 2 pt thick across the type area in the middle
  of its own slot (a stroked line). Title lines: 22 pt, centred, one slot each, followed by a blank slot.
- Tables (tab-separated lines; consecutive rows with the same cell count): ruled grid over the frame width, cell
  text STSong-Light 6–12 pt by column count, wrapped in cells; split between rows at page ends (a row taller than a
  page is split between its lines); no repeated header row.
- Page number `— N —`: 14 pt, centred on the type area, baseline at top 775.
- Running header (003-running-header only): 10.5 pt, centred, baseline at top 85, pages 2 onwards.
- Two-column page: columns x 74 – 290 and 306 – 522, 22 slots each.
- Extraction quirks seen here: pypdfium2 returns the text layers exactly (whitespace aside) and ignores the
  fake-bold duplicate; pdfplumber doubles the fake-bold title (`dedupe_chars()` fixes it) and drops `·` (U+00B7,
  8 times in 004) from STSong-Light text.
- Compendium: the table of contents starts on page 1; the part titles (第一部分/第二部分) are alone on a page; each
  of the 30 documents starts on a new page.
"""
    (ROOT / "corpus" / "FIXTURES.md").write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify the PDFs' text layers against the sources")
    args = parser.parse_args(argv)
    pdfs = make_pdfs()
    docx = make_docx()
    htmls = make_html()
    write_fixtures_md(pdfs, docx, htmls)
    if args.check:
        l003 = read_lines(S003)
        sources = {f"{S001}.pdf": read_lines(S001), f"{S002}.pdf": read_lines(S002), f"{S004}.pdf": read_lines(S004)}
        for name, layout in pdfs.items():
            kwargs: dict = {}
            if name == "003-running-header.pdf":
                kwargs["running_header"] = RUNNING_HEADER_003
            elif name == "003-scanned.pdf":
                kwargs["scanned"] = [SPECIAL_PAGE]
            elif name == "003-no-tounicode.pdf":
                kwargs["garbled"] = [SPECIAL_PAGE]
            elif name == "003-fake-bold.pdf":
                kwargs["fake_bold"] = True
            note = check_pdf(PDF_DIR / name, layout, sources.get(name, l003), **kwargs)
            print(f"ok {name}: {layout.page_count} pages; {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
