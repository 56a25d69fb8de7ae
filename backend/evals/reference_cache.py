"""The reference model's scores on general sets, cached across evaluations.

Every automatic evaluation of a run's checkpoints compares the general sets against the same untouched base/chat
model; those scores depend only on the reference model's files, the set's content and how it is scored, so they are
computed once and reused. The key hashes exactly those: the reference path and a fingerprint of its files (names,
sizes, modification times — hashing gigabytes of weights per evaluation would cost more than it saves), the set's id
and the sha256 of its records file, the prompt style, generate_answers, max_seq_length, the system prompt and the
generation length. A re-written set or a replaced model folder gives a new key: stale rows are never hit.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from backend.core.ids import new_id
from backend.evals import repository
from backend.models import ReferenceResult
from specs.evaluation import EvalSetSpec, EvaluationJob

CHUNK = 1 << 20


def model_fingerprint(path: str) -> str:
    """Files of a local model folder (relative name, size, mtime); a hub id or missing path stands for itself."""
    folder = Path(path)
    digest = hashlib.sha256()
    if folder.is_dir():
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            stat = file.stat()
            digest.update(f"{file.relative_to(folder)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    else:
        digest.update(f"unresolved:{path}".encode())
    return digest.hexdigest()


def file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class CacheKey:
    key: str
    parts: dict[str, Any]


def key_for(job: EvaluationJob, spec: EvalSetSpec, fingerprint: str) -> CacheKey:
    assert job.reference_path is not None, "only a job with a reference model has reference results"
    parts = {
        "reference_path": job.reference_path,
        "reference_fingerprint": fingerprint,
        "dataset_id": spec.dataset_id,
        "dataset_sha256": file_sha256(spec.path),
        "kind": spec.kind,
        "prompt_style": job.prompt_style,
        "generate_answers": job.generate_answers,
        "max_seq_length": job.max_seq_length,
        "default_system_prompt": job.default_system_prompt,
        "max_new_tokens": job.max_new_tokens,
    }
    return CacheKey(hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest(), parts)


def keys_for(job: EvaluationJob) -> dict[str, CacheKey]:
    """The cache key of every general set of the job (set id → key); empty when it has no reference model."""
    if job.reference_path is None:
        return {}
    fingerprint = model_fingerprint(job.reference_path)
    return {s.dataset_id: key_for(job, s, fingerprint) for s in job.sets if s.role == "general"}


def lookup(session: Session, keys: dict[str, CacheKey]) -> dict[str, tuple[dict[str, Any], list[dict[str, Any]]]]:
    """(metrics, items) of every set whose reference results are cached; counts the hits."""
    found: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = {}
    for dataset_id, key in keys.items():
        row = repository.reference_result(session, key.key)
        if row is not None:
            found[dataset_id] = (row.metrics, row.items)
            repository.count_reference_hit(session, key.key)
    return found


def store(session: Session, key: CacheKey, metrics: dict[str, Any], items: list[dict[str, Any]]) -> bool:
    """Remember one set's reference results; False when another evaluation stored them first."""
    parts = key.parts
    row = ReferenceResult(
        id=new_id("ref"),
        cache_key=key.key,
        reference_path=parts["reference_path"][:1000],
        reference_fingerprint=parts["reference_fingerprint"],
        dataset_id=parts["dataset_id"],
        dataset_sha256=parts["dataset_sha256"],
        prompt_style=parts["prompt_style"],
        generate_answers=parts["generate_answers"],
        max_seq_length=parts["max_seq_length"],
        metrics=metrics,
        items=items,
    )
    return repository.add_reference_result(session, row)
