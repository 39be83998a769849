#!/usr/bin/env bash
# Create the virtual environment and install the project. With --test, also install the
# test extras and the Debian packages the tests drive (tesseract for OCR, Chromium for
# the browser test) when they are missing and we are allowed to install them.
set -euo pipefail
venv="${1:-.venv}"
mode="${2:-}"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip
fi
if [ "$mode" = "--test" ]; then
  "$venv/bin/pip" install --quiet -e ".[dev]"
else
  "$venv/bin/pip" install --quiet -e .
fi
