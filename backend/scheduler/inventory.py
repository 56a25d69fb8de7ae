"""What a worker reports about itself (the worker process calls this from its heartbeat thread)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from backend.core.db import utcnow
from backend.scheduler import repository


@dataclass(frozen=True)
class GpuReading:
    index: int
    name: str
    memory_total_mb: int
    memory_used_mb: int
    utilization_pct: float | None = None
    temperature_c: float | None = None


@dataclass(frozen=True)
class WorkerReport:
    name: str
    host: str
    queues: list[str]
    slots: int
    cpu_count: int
    memory_total_mb: int
    version: str
    simulated: bool = False
    gpus: list[GpuReading] = field(default_factory=list)


def heartbeat(session: Session, report: WorkerReport) -> bool:
    """Record the report; whether an admin has drained this worker (it then stops taking shared GPU jobs)."""
    values: dict[str, Any] = {
        "host": report.host,
        "queues": report.queues,
        "slots": report.slots,
        "cpu_count": report.cpu_count,
        "memory_total_mb": report.memory_total_mb,
        "version": report.version,
        "simulated": report.simulated,
        "gpus": [g.__dict__ for g in report.gpus],
    }
    repository.save_heartbeat(session, report.name, values, utcnow())
    worker = repository.worker(session, report.name)
    return worker is not None and worker.drained


def sign_off(session: Session, name: str) -> None:
    """A worker shutting down reads as offline at once, so the run it hands back is not assigned to it again."""
    repository.mark_offline(session, name)


def parse_simulated(spec: str) -> list[GpuReading]:
    """`H100:80,L4:24:20` → two GPUs: name, total GB and optionally GB already used by something else."""
    gpus = []
    for index, item in enumerate(part.strip() for part in spec.split(",") if part.strip()):
        fields = item.split(":")
        if len(fields) not in (2, 3):
            raise ValueError(f"simulated GPU {item!r}: write NAME:GB or NAME:GB:USED_GB, e.g. H100:80")
        total = int(float(fields[1]) * 1000)
        used = int(float(fields[2]) * 1000) if len(fields) == 3 else 0
        gpus.append(GpuReading(index, fields[0], total, used, 0.0, None))
    return gpus
