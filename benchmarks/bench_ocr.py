"""OCR engines on scanned pages of known text (issue 9, item 3): tesseract chi_sim against RapidOCR.

Pages of real policy text from ``corpus/texts`` are typeset with the fixtures' layout (``scripts/_layout.py``: GB/T
9704-like A4, 16 pt, red organ header), printed to PDF, rasterised with pdftoppm at 150 and 300 dpi (pypdfium2 when
pdftoppm is missing), and made to look scanned: turned by 0.5°, blurred slightly, with grey noise. The pages chosen
are those holding the most numbers, amounts, percentages and 文号, at least one from each of four documents.

Each page image is read by ``extractor.ingest.ocr.ocr_page`` (the library's own call, tidying included) with each
engine, A B A B over ``--rounds`` rounds. Reported per engine and dpi: character error rate (edit distance over the
reference's length, whitespace removed; also before ``tidy_ocr``), the share of number and 文号 tokens read exactly,
and seconds per page (CPU: this process plus finished children, so tesseract's own process counts; wall) as min
and median over the rounds.

Usage:
    .venv/bin/python benchmarks/bench_ocr.py --rounds 3          # writes nothing; paste the table into RESULTS-ocr.md
    .venv/bin/python benchmarks/bench_ocr.py --keep /tmp/ocr     # also keep the page images and each engine's text
    .venv/bin/python benchmarks/bench_ocr.py --scan page.png --ref page.txt   # a real scan with its known text
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import regex
from PIL import Image, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from _layout import PagePlan, TableOp, TextOp, layout_blocks, lines_to_blocks, render_pdf  # noqa: E402

from extractor.ingest import ocr  # noqa: E402

DOCS = ("001_e001dd900bee0134", "002_f15aeebbaef14a54", "003_65af231806fc8ace", "004_a7a4461144ba7e7b")
DPIS = (150, 300)
# the year and serial of a 文号, "豫人社办〔2023〕32号" -> "〔2023〕32号" (the issuer's characters count in the CER)
DOC_NUMBER_RE = regex.compile(r"〔\d{4}〕\d{1,4}号")
# a number with its unit: "1.5万元", "30%", "2023年", "12个月", "1000人"
NUMBER_RE = regex.compile(r"\d+(?:\.\d+)?(?:%|‰|万元|亿元|千元|元|万|个月|个|人|名|户|家|岁|年|月|日|天|次|小时|亩|倍|项|周|期|批|号)?")
_SPACE = regex.compile(r"\s+")


@dataclass(frozen=True)
class Page:
    name: str  # "003 p2"
    plan: PagePlan
    reference: str


def page_reference(plan: PagePlan) -> str:
    """Everything printed on the page, in reading order, as it was typeset, but the page number ``— N —`` (which
    the reader drops as furniture, and which neither engine reads: both count it as missed alike)."""
    return "\n".join(op.text for op in plan.ops if isinstance(op, TextOp))


def _token_text(text: str) -> str:
    """Whitespace removed, but two numbers on either side of a line break stay two ("0371-69690120" / "6969…")."""
    return _SPACE.sub("", regex.sub(r"(?<=\d)\s+(?=\d)", "|", text))


def tokens(text: str) -> Counter[str]:
    flat = _token_text(text)
    return Counter(DOC_NUMBER_RE.findall(flat)) + Counter(NUMBER_RE.findall(flat))


def choose_pages(per_doc: int = 1, extra_from_last: int = 1) -> list[Page]:
    """The pages with the most number and 文号 tokens, ``per_doc`` from each document and more from the compendium."""
    chosen: list[Page] = []
    for k, stem in enumerate(DOCS):
        lines = (ROOT / "corpus" / "texts" / f"{stem}.txt").read_text(encoding="utf-8").split("\n")
        plans = layout_blocks(lines_to_blocks(lines))
        plain = [p for p in plans if not any(isinstance(op, TableOp) for op in p.ops)]
        # 文号 weigh 3: they are the rarest tokens and the ones that must come through
        ranked = sorted(plain, key=lambda p: -(3 * len(DOC_NUMBER_RE.findall(page_reference(p))) + sum(tokens(page_reference(p)).values())))
        n = per_doc + (extra_from_last if k == len(DOCS) - 1 else 0)
        for plan in sorted(ranked[:n], key=lambda p: p.number):
            chosen.append(Page(f"{stem[:3]} p{plan.number}", plan, page_reference(plan)))
    return chosen


def rasterise(pages: Sequence[Page], dpi: int, workdir: Path, font: str = "serif") -> list[bytes]:
    """PNG of every page at ``dpi``, turned, blurred and noised like a scan of a printed page."""
    pdf = workdir / "pages.pdf"
    render_pdf([p.plan for p in pages], pdf)
    out = []
    for i in range(len(pages)):
        out.append(scanned(_render(pdf, i, dpi, font), seed=dpi * 100 + i))
    return out


# STSong-Light is not embedded: poppler asks fontconfig, which gives a sans face unless told. "serif" maps it to
# AR PL UMing (Debian fonts-arphic-uming, the fixtures' scanned-page font), closer to the 宋体/仿宋 of print.
FONTS_CONF = """<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<match target="pattern"><test name="family" qual="any" compare="eq"><string>STSong</string></test>
<edit name="family" mode="assign" binding="strong"><string>AR PL UMing CN</string></edit></match></fontconfig>"""


def _render(pdf: Path, index: int, dpi: int, font: str = "serif") -> Image.Image:
    if shutil.which("pdftoppm"):
        env = dict(os.environ)
        if font == "serif":
            conf = pdf.with_name("fonts.conf")
            conf.write_text(FONTS_CONF, encoding="utf-8")
            env["FONTCONFIG_FILE"] = str(conf)
        png = subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(index + 1), "-l", str(index + 1), str(pdf)],
            capture_output=True, check=True, env=env,
        ).stdout
        return Image.open(io.BytesIO(png)).convert("L")
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return doc[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        doc.close()


def scanned(image: Image.Image, seed: int, angle: float = 0.5) -> bytes:
    """A mild scan: 0.5° skew, a Gaussian blur of 0.5 px at 150 dpi (1 px at 300), grey noise (sigma 12 of 255)."""
    k = image.width / 1240  # 1 at 150 dpi
    img = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(radius=0.5 * k))
    rng = np.random.default_rng(seed)
    arr = np.asarray(img, dtype=np.float32) + rng.normal(0, 12, (img.height, img.width))
    buf = io.BytesIO()
    Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).save(buf, format="PNG")
    return buf.getvalue()


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, two rows of the classic table."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def cer(reference: str, hypothesis: str) -> tuple[int, int]:
    ref, hyp = _SPACE.sub("", reference), _SPACE.sub("", hypothesis)
    return edit_distance(ref, hyp), len(ref)


def token_hits(reference: str, hypothesis: str) -> tuple[int, int, int, int]:
    """(文号 read exactly, 文号 in the reference, numbers read exactly, numbers in the reference)."""
    flat_r, flat_h = _token_text(reference), _token_text(hypothesis)
    out = []
    for rx in (DOC_NUMBER_RE, NUMBER_RE):
        ref, hyp = Counter(rx.findall(flat_r)), Counter(rx.findall(flat_h))
        out += [sum(min(n, hyp[t]) for t, n in ref.items()), sum(ref.values())]
    return out[0], out[1], out[2], out[3]


def timed(fn, *args):  # type: ignore[no-untyped-def]
    """(result, cpu seconds of this process and its finished children, wall seconds)."""
    c0 = time.process_time() + _children_cpu()
    t0 = time.perf_counter()
    result = fn(*args)
    return result, time.process_time() + _children_cpu() - c0, time.perf_counter() - t0


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


@dataclass
class Tally:
    cpu: list[float]
    wall: list[float]
    texts: list[str]
    raws: list[str]


def run(pages: Sequence[Page], images: dict[int, list[bytes]], engines: Sequence[ocr.OcrEngine], rounds: int) -> dict[tuple[str, int], Tally]:
    tallies = {(e, d): Tally([], [], [], []) for e in engines for d in images}
    for e in engines:  # load models and warm up, unrecorded
        ocr.ocr_page(images[min(images)][0], e)
    for r in range(rounds):
        for dpi, pngs in images.items():
            order = engines if r % 2 == 0 else tuple(reversed(engines))
            for e in order:
                cpu = wall = 0.0
                texts: list[str] = []
                raws: list[str] = []
                for png in pngs:
                    raw, c, w = timed(ocr.raw_lines, png, e)
                    tidy, c2, w2 = timed(ocr.tidy_lines, raw)  # what ocr.ocr_page does, in two timed steps
                    cpu += c + c2
                    wall += w + w2
                    texts.append("\n".join(ln.text for ln in tidy))
                    raws.append("\n".join(ln.text for ln in raw))
                t = tallies[(e, dpi)]
                t.cpu.append(cpu / len(pngs))
                t.wall.append(wall / len(pngs))
                if t.texts and t.texts != texts:
                    print(f"note: {e} at {dpi} dpi read differently in round {r + 1}", file=sys.stderr)
                t.texts, t.raws = texts, raws
    return tallies


def report(pages: Sequence[Page], images: dict[int, list[bytes]], tallies: dict[tuple[str, int], Tally], rounds: int, font: str) -> str:
    rows = [
        "| engine | dpi | CER (tidied) | CER raw | 文号 exact | numbers exact | CPU s/page min / median | wall s/page min / median |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    per_page = ["| engine | dpi | " + " | ".join(p.name for p in pages) + " |", "| --- | ---: |" + " ---: |" * len(pages)]
    for (engine, dpi), t in tallies.items():
        dist = length = wh_ok = wh_n = num_ok = num_n = raw_dist = 0
        cells = []
        for page, text, raw in zip(pages, t.texts, t.raws, strict=True):
            d, n = cer(page.reference, text)
            rd, _ = cer(page.reference, raw)
            a, b, c, e = token_hits(page.reference, text)
            dist, length, raw_dist = dist + d, length + n, raw_dist + rd
            wh_ok, wh_n, num_ok, num_n = wh_ok + a, wh_n + b, num_ok + c, num_n + e
            cells.append(f"{d / n:.2%}")
        rows.append(
            f"| {engine} | {dpi} | {dist / length:.2%} | {raw_dist / length:.2%} | {wh_ok}/{wh_n} | {num_ok}/{num_n} "
            f"| {min(t.cpu):.2f} / {statistics.median(t.cpu):.2f} | {min(t.wall):.2f} / {statistics.median(t.wall):.2f} |"
        )
        per_page.append(f"| {engine} | {dpi} | " + " | ".join(cells) + " |")
    chars = sum(len(_SPACE.sub("", p.reference)) for p in pages)
    head = (
        f"{len(pages)} pages ({', '.join(p.name for p in pages)}; {chars} characters without whitespace), "
        f"{rounds} rounds A B A B; {platform.machine()}, Python {platform.python_version()}, "
        f"rasterised with {'pdftoppm' if shutil.which('pdftoppm') else 'pypdfium2'}, {font} face"
    )
    return "\n".join([head, "", *rows, "", "CER per page:", "", *per_page])


def diffs(pages: Sequence[Page], tallies: dict[tuple[str, int], Tally]) -> str:
    """Every reference token not read exactly, per engine and dpi: what went wrong with numbers and 文号."""
    out = []
    for (engine, dpi), t in tallies.items():
        for page, text in zip(pages, t.texts, strict=True):
            ref, hyp = tokens(page.reference), tokens(text)
            missed = [tok for tok, n in ref.items() if hyp[tok] < n]
            if missed:
                out.append(f"{engine} {dpi} dpi {page.name}: missed {' '.join(missed)}")
    return "\n".join(out) or "every number and 文号 read exactly"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--engines", nargs="+", default=list(ocr.ENGINES), choices=list(ocr.ENGINES))
    ap.add_argument("--dpi", type=int, nargs="+", default=list(DPIS), help="scan resolutions (default 150 300)")
    ap.add_argument("--font", choices=["serif", "sans"], default="serif", help="face poppler draws STSong-Light in")
    ap.add_argument("--keep", type=Path, help="folder to keep the page images, references and OCR text in")
    ap.add_argument("--scan", type=Path, help="a real scanned page image (PNG/JPEG) instead of the typeset pages")
    ap.add_argument("--ref", type=Path, help="the known text of --scan")
    args = ap.parse_args(argv)
    engines = [e for e in args.engines if ocr.engine_available(e)]
    for e in set(args.engines) - set(engines):
        print(f"skipped: {ocr.OcrUnavailable(e)}", file=sys.stderr)
    if args.scan:
        buf = io.BytesIO()
        Image.open(args.scan).convert("L").save(buf, format="PNG")
        ref = args.ref.read_text(encoding="utf-8")
        for e in engines:
            text, c, w = timed(ocr.ocr_page, buf.getvalue(), e)
            d, n = cer(ref, text)
            a, b, x, y = token_hits(ref, text)
            print(f"{e}: CER {d / n:.2%}, 文号 {a}/{b}, numbers {x}/{y}, {c:.2f} CPU-s, {w:.2f} s wall")
        return 0
    pages = choose_pages()
    with tempfile.TemporaryDirectory() as tmp:
        images = {dpi: rasterise(pages, dpi, Path(tmp), args.font) for dpi in args.dpi}
    tallies = run(pages, images, engines, args.rounds)
    print(report(pages, images, tallies, args.rounds, args.font))
    print()
    print(diffs(pages, tallies))
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        for i, page in enumerate(pages):
            stem = page.name.replace(" ", "-")
            (args.keep / f"{stem}.ref.txt").write_text(page.reference, encoding="utf-8")
            for dpi, pngs in images.items():
                (args.keep / f"{stem}-{dpi}.png").write_bytes(pngs[i])
                for e in engines:
                    (args.keep / f"{stem}-{dpi}.{e}.txt").write_text(tallies[(e, dpi)].texts[i], encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
