#!/usr/bin/env bash
# Install everything Zhengce needs on a fresh Debian machine with Python 3.11: a few Debian packages (below)
# and a virtual environment in .venv with the package, its test tools and the second OCR engine (RapidOCR, tested too).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: tesseract with Chinese data (OCR of scanned pages), a CJK font (chart labels, rendering),
# chromium (the test that renders the diff page in a browser). Each is optional: without it the feature says so.
need=()
{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -q chi_sim; } || need+=(tesseract-ocr tesseract-ocr-chi-sim)
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "setup: installing ${need[*]}" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null) \
      || echo "setup: could not install ${need[*]}; OCR, chart fonts or the browser test will be unavailable" >&2
  else
    echo "setup: missing Debian packages (${need[*]}); install them with apt-get for OCR, chart fonts and the browser test" >&2
  fi
fi

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e ".[dev,ocr]" 2>&1 | grep -v -e "^WARNING: Location" -e "^$" >&2 || true
.venv/bin/python -c "import extractor, spacy, pdfplumber, pypdfium2, sqlite_utils, distributed" || { echo "setup: install failed" >&2; exit 1; }
