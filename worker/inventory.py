"""The worker's heartbeat to the scheduler: its queues, slots and GPUs, every few seconds, from a thread.

GPUs are read with NVML when `pynvml` (the `nvidia-ml-py` package) is importable and finds devices. Without GPUs,
TUNEWRIGHT_SIMULATED_GPUS describes a pretend inventory, so CPU machines can model GPU hosts (tests, demos); the
runs placed on simulated GPUs train on the CPU. Otherwise the worker advertises no GPUs (it takes CPU runs only).
"""

from __future__ import annotations

import importlib.metadata
import logging
import os
import socket
import threading
from typing import Any

from backend.core.db import session_scope
from backend.core.queue import GPU_QUEUE
from backend.core.settings import Settings, get_settings
from backend.scheduler import inventory
from backend.scheduler.inventory import GpuReading, WorkerReport

log = logging.getLogger(__name__)

# Filled in at worker start (worker/signals.py).
identity: dict[str, Any] = {"name": None, "queues": [], "slots": 1}
# GPU indices the run in progress holds: a simulated GPU reads as busy while it does.
busy_gpus: set[int] = set()
# Whether this worker has stopped consuming the shared GPU queue because it is drained.
shared_gpu_paused = False


def visible_devices() -> list[int] | None:
    """The physical GPU indices this worker was given (CUDA_VISIBLE_DEVICES, e.g. one worker per GPU); None: all.

    The worker advertises its GPUs as CUDA numbers them inside it (0..n-1); `physical` maps them back.
    """
    value = os.environ.get("CUDA_VISIBLE_DEVICES")
    if value is None or not all(part.strip().isdigit() for part in value.split(",") if part.strip()):
        return None
    return [int(part) for part in value.split(",") if part.strip()]


def physical(indices: tuple[int, ...]) -> list[int]:
    visible = visible_devices()
    return [visible[i] for i in indices] if visible else list(indices)


def _nvml_gpus() -> list[GpuReading] | None:
    try:
        import pynvml
    except ImportError:
        return None
    try:
        pynvml.nvmlInit()
    except Exception:  # no driver or no device: a CPU host
        return None
    try:
        readings = []
        # NVML ignores CUDA_VISIBLE_DEVICES: read only the devices this worker was given, numbered as CUDA does.
        devices = visible_devices() or list(range(pynvml.nvmlDeviceGetCount()))
        for index, device in enumerate(devices):
            handle = pynvml.nvmlDeviceGetHandleByIndex(device)
            memory = pynvml.nvmlDeviceGetMemoryInfo(handle)
            name = pynvml.nvmlDeviceGetName(handle)
            readings.append(
                GpuReading(
                    index=index,
                    name=name.decode() if isinstance(name, bytes) else str(name),
                    memory_total_mb=int(memory.total // 1_000_000),
                    memory_used_mb=int(memory.used // 1_000_000),
                    utilization_pct=float(pynvml.nvmlDeviceGetUtilizationRates(handle).gpu),
                    temperature_c=float(pynvml.nvmlDeviceGetTemperature(handle, pynvml.NVML_TEMPERATURE_GPU)),
                )
            )
        return readings
    finally:
        pynvml.nvmlShutdown()


def read_gpus(settings: Settings) -> tuple[list[GpuReading], bool]:
    """The GPUs to advertise and whether they are simulated."""
    if settings.simulated_gpus:
        gpus = inventory.parse_simulated(settings.simulated_gpus)
        busy = [
            GpuReading(g.index, g.name, g.memory_total_mb, g.memory_used_mb, 100.0 if g.index in busy_gpus else 0.0)
            for g in gpus
        ]
        return busy, True
    return _nvml_gpus() or [], False


def simulated(settings: Settings) -> bool:
    return bool(settings.simulated_gpus)


def report(settings: Settings) -> WorkerReport:
    gpus, is_simulated = read_gpus(settings)
    pages = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return WorkerReport(
        name=str(identity["name"]),
        host=socket.gethostname(),
        queues=list(identity["queues"]),
        slots=int(identity["slots"]),
        cpu_count=os.cpu_count() or 1,
        memory_total_mb=int(pages // 1_000_000),
        version=importlib.metadata.version("tunewright"),
        simulated=is_simulated,
        gpus=gpus,
    )


def heartbeat_once() -> None:
    with session_scope() as session:
        drained = inventory.heartbeat(session, report(get_settings()))
    follow_drain(drained)


def follow_drain(drained: bool) -> None:
    """A drained worker stops consuming the shared GPU queue, so it takes no new evaluation or export either (the
    scheduler already gives it no run); undrained, it consumes it again. Checked every heartbeat, so a worker that
    restarts while drained stops again within one."""
    global shared_gpu_paused
    name = identity["name"]
    if GPU_QUEUE not in identity["queues"] or drained == shared_gpu_paused:
        return
    from worker.celery_app import app  # the app imports this module's signals

    if drained:
        app.control.cancel_consumer(GPU_QUEUE, destination=[name])
    else:
        app.control.add_consumer(GPU_QUEUE, destination=[name])
    shared_gpu_paused = drained
    log.info("worker %s %s the shared %r queue", name, "drained: stops consuming" if drained else "consumes", GPU_QUEUE)


def _loop(stop: threading.Event, interval: float) -> None:
    # Stops with the worker's shutdown: a worker on its way out must not look alive to the scheduler.
    while not stop.wait(interval):
        try:
            heartbeat_once()
        except Exception:
            log.exception("inventory heartbeat failed; retrying")


def start(stop: threading.Event) -> None:
    """One heartbeat now (so the scheduler knows this worker before its first task), then one every interval."""
    try:
        heartbeat_once()
    except Exception:
        log.exception("first inventory heartbeat failed; the heartbeat thread retries")
    interval = get_settings().worker_heartbeat_seconds
    threading.Thread(target=_loop, args=(stop, interval), name="inventory-heartbeat", daemon=True).start()
