"""The llama.cpp in this environment runs on any x86-64 with AVX2 (issue 13).

A native build (``-march=native``) on a Xeon with AVX-512/AMX died with a general
protection fault in ``libggml-cpu.so`` on another CPU family. scripts/setup.sh builds with
GGML_NATIVE=OFF and AVX2/FMA/F16C only; these tests read the installed library itself,
so a wheel reused from pip's cache or a build without the flags is caught.

Skipped when llama-cpp-python is not installed (extra ``kehoach[llamacpp]``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

llama_cpp = pytest.importorskip("llama_cpp", reason="llama-cpp-python is not installed")

# 512-bit registers or AVX-512 opmasks in an operand, and the AMX tile instructions.
AVX512_OR_AMX = re.compile(r"%zmm\d|\{%k[1-7]\}|\b(ldtilecfg|tileloadd|tdpb[su]{2}d|tdpbf16ps)\b")


def _cpu_library() -> Path:
    libs = sorted((Path(llama_cpp.__file__).parent / "lib").glob("libggml-cpu*.so*"))
    assert libs, "libggml-cpu*.so not found in llama_cpp/lib"
    return libs[0].resolve()


def test_compiled_for_avx2_and_nothing_newer() -> None:
    info = llama_cpp.llama_print_system_info().decode()
    assert "AVX2 = 1" in info, info
    assert "AVX512" not in info and "AMX" not in info, info


@pytest.mark.skipif(shutil.which("objdump") is None, reason="objdump (binutils) is not installed")
def test_cpu_library_has_no_avx512_or_amx_instructions() -> None:
    listing = subprocess.run(["objdump", "-d", "--no-show-raw-insn", str(_cpu_library())],
                             check=True, capture_output=True, text=True).stdout
    assert "vfmadd" in listing  # the disassembly is real: the FMA kernels are there
    hits = [line for line in listing.splitlines() if AVX512_OR_AMX.search(line)]
    assert not hits, f"{len(hits)} AVX-512/AMX instructions, e.g. {hits[:3]}"
