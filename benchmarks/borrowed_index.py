"""A full-size index of the synthetic corpus whose vectors are partly borrowed, for timing.

Embedding 1,000 plans (~25,000 chunks) takes hours on a busy 2-core machine. Query
latency, memory and index size depend on how many chunks there are, not on what their
vectors say, so this builds the real thing for every other part: every plan is read,
cleaned, structured and chunked by the real pipeline, BM25 and FAISS are built over all
chunks, the manifest lists every plan with its content hash (so ``kehoach ingest`` sees an
up-to-date index). Vectors come from, in order:

1. the real stepwise build (``build_synthetic.py``), for the plans it has embedded;
2. else the vector of the same chunk position in the plan it was perturbed from, plus
   a little noise (``NOISE``) so no two vectors are equal, renormalised.

Answers about the five real plans use their real vectors. Recall of HNSW against flat is
reported on both the borrowed set and the really embedded subset (see ``scale.py``).

    python benchmarks/borrowed_index.py /work/cache/synthetic-1000
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from kehoach.index.builder import _versions  # noqa: E402
from kehoach.index.embeddings import make_embeddings  # noqa: E402
from kehoach.index.manifest import FORMAT_VERSION, DocumentEntry, Manifest  # noqa: E402
from kehoach.index.store import PlanRecord, index_exists, load_index, write_index, writer_lock  # noqa: E402
from kehoach.ingest.pipeline import INGEST_VERSION, content_hash, load_plan  # noqa: E402
from kehoach.core.settings import Settings  # noqa: E402
from synthetic import BASES  # noqa: E402

NOISE = 0.02
SEED = 11


def _base_of(doc_id: str) -> str:
    """The real plan a synthetic one was made from (real plans are their own base)."""
    if doc_id in BASES:
        return doc_id
    tail = doc_id.split("_", 2)[2]
    return next(b for b in BASES if b.split("_", 1)[1] == tail)


def build(cache: Path) -> Path:
    corpus = cache / "corpus"
    out = cache / "index-borrowed"
    settings = Settings.load(plans_dir=corpus, index_dir=out)
    embeddings = make_embeddings(settings)
    real: dict[str, tuple[str, np.ndarray]] = {}  # chunk id -> (index text, vector)
    if index_exists(cache / "index"):
        built = load_index(cache / "index", verify=False)
        real = {c.chunk_id: (c.index_text, built.vectors[row]) for row, c in enumerate(built.chunks)}

    def real_vector(chunk) -> np.ndarray | None:  # type: ignore[no-untyped-def]
        known = real.get(chunk.chunk_id)
        return known[1] if known is not None and known[0] == chunk.index_text else None

    rng = np.random.default_rng(SEED)
    started = time.perf_counter()
    plans = []
    for n, path in enumerate(sorted(corpus.glob("*.txt")), 1):
        plans.append((path, load_plan(path, settings.chunk_max_chars)))
        if n % 100 == 0:
            print(f"read {n} plans ({time.perf_counter() - started:.0f} s)", flush=True)
    base_vectors: dict[str, np.ndarray] = {}
    for path, plan in plans:
        if plan.meta.doc_id in BASES:
            known = [real_vector(c) for c in plan.chunks]
            base_vectors[plan.meta.doc_id] = (
                np.stack(known) if all(v is not None for v in known)
                else embeddings.embed_passages([c.index_text for c in plan.chunks]))
    chunks, blocks, records, documents = [], [], [], {}
    borrowed = 0
    for path, plan in plans:
        doc_id = plan.meta.doc_id
        base = base_vectors[_base_of(doc_id)]
        rows = []
        for j, chunk in enumerate(plan.chunks):
            known = real_vector(chunk)
            if known is not None:
                rows.append(known)
                continue
            vector = base[min(j, len(base) - 1)] + rng.normal(0, NOISE, base.shape[1])
            rows.append(vector / np.linalg.norm(vector))
            borrowed += 1
        chunks.extend(plan.chunks)
        blocks.append(np.asarray(rows, dtype=np.float32).reshape(-1, embeddings.dimension))
        records.append(PlanRecord(plan.meta, plan.text, plan.raw_text))
        documents[doc_id] = DocumentEntry(path.name, content_hash(path.read_bytes()),
                                          len(plan.chunks), plan.meta.locality, plan.meta.title)
    vectors = np.vstack(blocks)
    manifest = Manifest(
        format_version=FORMAT_VERSION, ingest_version=INGEST_VERSION, backend=embeddings.backend,
        model_id=embeddings.model_id, dimension=embeddings.dimension,
        chunk_max_chars=settings.chunk_max_chars, vector_index="flat", chunk_count=len(chunks),
        created=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        documents=documents, versions=_versions(),
    )
    with writer_lock(out):
        write_index(out, manifest, chunks, vectors, records, settings.hnsw_threshold)
    (out / "BORROWED").write_text(f"{borrowed} of {len(chunks)} vectors borrowed\n")
    print(f"{len(plans)} plans, {len(chunks)} chunks, {borrowed} borrowed vectors, "
          f"{time.perf_counter() - started:.0f} s -> {out}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cache", type=Path)
    build(parser.parse_args().cache)


if __name__ == "__main__":
    main()
