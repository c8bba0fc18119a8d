#!/usr/bin/env bash
# Install everything Zhengce needs on a fresh Debian machine with Python 3.11:
#  - Debian's tesseract-ocr + tesseract-ocr-chi-sim, to OCR scanned PDF pages (optional: skipped with a note
#    when apt-get is not available or we are not root; scanned pages are then reported, not read);
#  - a virtual environment in .venv with the package and its test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v tesseract >/dev/null 2>&1 || ! tesseract --list-langs 2>/dev/null | grep -q chi_sim; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "setup: installing tesseract-ocr and tesseract-ocr-chi-sim (OCR of scanned pages)" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-chi-sim >/dev/null) \
      || echo "setup: could not install tesseract; scanned PDF pages will be reported instead of read" >&2
  else
    echo "setup: tesseract with chi_sim not found; to OCR scanned pages: apt-get install tesseract-ocr tesseract-ocr-chi-sim" >&2
  fi
fi

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e ".[dev]" 2>&1 | grep -v -e "^WARNING: Location" -e "^$" >&2 || true
.venv/bin/python -c "import extractor, spacy, pdfplumber, pypdfium2" || { echo "setup: install failed" >&2; exit 1; }
