#!/usr/bin/env bash
# Create the virtual environment and install the project. With --test, also install the
# test extras (sentence-transformers + CPU torch, the local LLM for the generate-mode test,
# Playwright, hypothesis) and the Debian packages the tests drive (tesseract for scanned
# PDFs, Chromium for the browser test, poppler) when they are missing and we may install.
set -euo pipefail
venv="${1:-.venv}"
mode="${2:-}"
python="${PYTHON:-python3}"

# Debian packages the tests need, each with the check that says it is there.
missing_system_packages() {
  command -v tesseract >/dev/null 2>&1 || echo tesseract-ocr
  tesseract --list-langs 2>/dev/null | grep -qx vie || echo tesseract-ocr-vie
  command -v chromium >/dev/null 2>&1 || echo chromium
  command -v chromedriver >/dev/null 2>&1 || echo chromium-driver
  command -v pdftoppm >/dev/null 2>&1 || echo poppler-utils
  [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || echo fonts-dejavu-core
}

install_system_packages() {
  local missing
  missing="$(missing_system_packages | sort -u | tr '\n' ' ')"
  [ -z "${missing// /}" ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "Thiếu gói hệ thống: $missing— hãy cài bằng apt-get (cần quyền root)." >&2
      return 0
    fi
  fi
  echo "Cài gói hệ thống: $missing" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
}

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip
fi
if [ "$mode" = "--test" ]; then
  install_system_packages
  # llama.cpp is compiled here. A native build (-march=native) made on an Intel Xeon with
  # AVX-512/AMX dies with "illegal instruction" on an AMD EPYC and back, and pip caches the
  # wheel, so build for the instruction set both have (AVX2, FMA, F16C) and nothing newer.
  export CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF -DGGML_AVX512_VBMI=OFF -DGGML_AVX512_VNNI=OFF -DGGML_AVX512_BF16=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF}"
  "$venv/bin/pip" install --quiet -e ".[dev,st,llm,llamacpp]"
  # pip's wheel cache is keyed by the source archive, not by CMAKE_ARGS: a native wheel built
  # earlier on this machine would be reused as is. llama.cpp reports the instruction sets it
  # was compiled for; if AVX-512 or AMX is among them, build it again without the cache.
  if "$venv/bin/python" -c "import llama_cpp, sys; info = llama_cpp.llama_print_system_info().decode(); sys.exit(0 if ('AVX512' in info or 'AMX' in info) else 1)" 2>/dev/null; then
    echo "llama-cpp-python trong bộ nhớ đệm được dựng cho CPU khác (AVX-512/AMX): dựng lại bản dùng được trên mọi x86-64 (~8 phút)." >&2
    "$venv/bin/pip" install --quiet --no-cache-dir --force-reinstall --no-deps "llama-cpp-python[server]>=0.3"
  fi
else
  "$venv/bin/pip" install --quiet -e .
fi
