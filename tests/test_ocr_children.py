"""Issue 13, part 5: an OCR process dies with its parent. A run is killed (SIGKILL) while tesseract reads a scanned
page, and no tesseract process it started is left running (before the fix: 2 orphans in 6 trials).

The scanned page is grey noise, which tesseract takes minutes over (about 240 s for 2000 × 2400 pixels here), so an
orphan could not finish its page in the half second the test waits: without the death signal, the test fails."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor._process import preexec_die_with_parent
from extractor.ingest import ocr

ROOT = Path(__file__).resolve().parent.parent
# reads a scanned PDF (given as argv[1]) as zhengce parse does
READER = """
import sys
from pathlib import Path
from extractor.ingest import pdf
pdf.read(Path(sys.argv[1]))
"""


def _noise_pdf(path: Path) -> Path:
    """A one-page PDF whose page is an image of grey noise, without a text layer: OCR'd, slowly."""
    import numpy as np
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    noise = (np.random.default_rng(13).random((600, 420)) > 0.5).astype(np.uint8) * 255
    c = canvas.Canvas(str(path), pagesize=(595.2756, 841.8898))
    c.drawImage(ImageReader(Image.fromarray(noise)), 0, 0, 595.2756, 841.8898)
    c.showPage()
    c.save()
    return path


def _stat(pid: int) -> tuple[str, str, int, str] | None:
    """(command name, state, parent pid, start time) of a live process, None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    name = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()
    return name, fields[0], int(fields[1]), fields[19]


def _args(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return []


def _ocr_children(parent: int) -> dict[int, str]:
    """pid → start time of the live tesseract processes of ``parent`` reading a page (``tesseract stdin stdout …``;
    not ``tesseract --list-langs``, which asks what is installed and ends at once)."""
    out = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        st = _stat(int(entry))
        if st is not None and st[0] == "tesseract" and st[2] == parent and st[1] != "Z" and "stdin" in _args(int(entry)):
            out[int(entry)] = st[3]
    return out


def _still_running(pid: int, started: str) -> bool:
    st = _stat(pid)
    return st is not None and st[3] == started and st[1] != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc and relies on prctl(PR_SET_PDEATHSIG): Linux only")
def test_killed_run_leaves_no_tesseract(tmp_path: Path) -> None:
    if not ocr.engine_available("tesseract"):
        pytest.skip(f"not installed here, so not tried: {ocr.OcrUnavailable('tesseract')}")
    scanned = _noise_pdf(tmp_path / "scanned.pdf")
    run = subprocess.Popen([sys.executable, "-c", READER, str(scanned)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        children: dict[int, str] = {}
        while not children and time.monotonic() < deadline and run.poll() is None:
            children = _ocr_children(run.pid)
            time.sleep(0.01)
        assert run.poll() is None, run.stderr.read().decode() if run.stderr else "the reader ended"
        assert children, "no tesseract child seen within 60 s"
    finally:
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=30)
    deadline = time.monotonic() + 0.5
    left = dict(children)
    while left and time.monotonic() < deadline:
        left = {pid: started for pid, started in left.items() if _still_running(pid, started)}
        time.sleep(0.02)
    for pid in left:  # the orphans this test made (each checked by its start time), not to be left behind by a failure
        os.kill(pid, signal.SIGKILL)
    assert left == {}, f"tesseract still running after its parent was killed: {sorted(left)}"


def test_children_get_a_death_signal_on_linux() -> None:
    """The preexec function exists on Linux (where the kernel can deliver the signal) and nowhere else."""
    assert (preexec_die_with_parent() is not None) == sys.platform.startswith("linux")
