"""Where a run fits, and in words why it does not: pure functions over the pool as the workers last reported it.

A run needs k GPUs with at least M MB free each, on one worker, plus one of that worker's execution slots. A GPU
is free when no run assigned to or running on that worker holds it; its free memory is what the worker's last
heartbeat reported (other processes on the card count against it). CPU runs (k = 0) need only a slot.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

GB = 1000  # MB per GB in messages: the estimate speaks decimal GB


@dataclass(frozen=True)
class Gpu:
    index: int
    name: str
    memory_total_mb: int
    memory_used_mb: int = 0

    @property
    def free_mb(self) -> int:
        return max(0, self.memory_total_mb - self.memory_used_mb)


@dataclass(frozen=True)
class Node:
    """A live worker that may receive training runs (consumes the gpu queue); drained ones take nothing new."""

    name: str
    host: str
    slots: int
    gpus: tuple[Gpu, ...]
    drained: bool = False


@dataclass
class Load:
    """What the runs on a worker hold: GPU indices and execution slots."""

    gpus: set[int] = field(default_factory=set)
    slots: int = 0


@dataclass(frozen=True)
class Need:
    gpus: int
    memory_mb: int  # per GPU


@dataclass(frozen=True)
class Quota:
    max_gpus: int | None
    max_runs: int | None


def free_gpus(node: Node, load: Load, memory_mb: int) -> list[Gpu]:
    return [g for g in node.gpus if g.index not in load.gpus and g.free_mb >= memory_mb]


def fits(need: Need, node: Node, load: Load) -> list[int] | None:
    """The GPU indices the run would take on this worker, or None when it does not fit there now."""
    if node.drained or load.slots >= node.slots:
        return None
    if need.gpus == 0:
        return []
    candidates = free_gpus(node, load, need.memory_mb)
    if len(candidates) < need.gpus:
        return None
    # The smallest cards that suffice: the big ones stay free for runs that need them.
    chosen = sorted(candidates, key=lambda g: (g.free_mb, g.index))[: need.gpus]
    return sorted(g.index for g in chosen)


def place(need: Need, nodes: Iterable[Node], loads: Mapping[str, Load]) -> tuple[str, list[int]] | None:
    """Best fit: the worker that the run leaves with the fewest free GPUs, so larger holes stay for larger runs."""
    options = []
    for node in nodes:
        load = loads.get(node.name, Load())
        chosen = fits(need, node, load)
        if chosen is not None:
            spare = len(free_gpus(node, load, 0)) - len(chosen)
            options.append(((spare, len(node.gpus), node.name), node.name, chosen))
    if not options:
        return None
    _, name, chosen = min(options)
    return name, chosen


def _gb(mb: int) -> str:
    return f"{mb / GB:.0f} GB" if mb >= 10 * GB else f"{mb / GB:.1f} GB"


def _gpus(k: int) -> str:
    return f"{k} GPU" if k == 1 else f"{k} GPUs"


def wait_reason(need: Need, nodes: list[Node], loads: Mapping[str, Load]) -> str:
    """Why a run that passed its quota still waits, naming the closest thing to what it needs."""
    if not nodes:
        return "waiting for a worker: none consuming the gpu queue is online (start one; `make up` does)"
    open_nodes = [n for n in nodes if not n.drained]
    if not open_nodes:
        return "drained: every worker that could run it is drained by an admin"
    if need.gpus == 0:
        return f"waiting for a free worker slot: all {len(open_nodes)} training worker(s) are busy"
    wanted = f"waiting for {_gpus(need.gpus)} with ≥ {_gb(need.memory_mb)} each"
    if not any(len([g for g in n.gpus if g.memory_total_mb >= need.memory_mb]) >= need.gpus for n in open_nodes):
        return f"{wanted}; no online worker has that many such GPUs, so it waits until one joins"
    best: tuple[int, int, str] | None = None  # (GPUs with enough memory, memory shown, host)
    for node in open_nodes:
        load = loads.get(node.name, Load())
        if load.slots >= node.slots:
            continue
        free = sorted((g.free_mb for g in free_gpus(node, load, 0)), reverse=True)
        if not free:
            continue
        enough = [m for m in free if m >= need.memory_mb]
        candidate = (len(enough), enough[-1], node.host) if enough else (0, free[0], node.host)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best is None:
        return f"{wanted}; every GPU that could take it is busy"
    count, memory, host = best
    return f"{wanted}; the largest free is {max(count, 1)} × {_gb(memory)} on {host}"


def quota_reason(need: Need, held_gpus: int, held_runs: int, quota: Quota, holder: str = "user") -> str | None:
    """Why `holder` ("user", or "project <name>") may not start one more run now, or None."""
    if quota.max_runs is not None and held_runs + 1 > quota.max_runs:
        return f"quota: {holder} has {held_runs} of {quota.max_runs} concurrent runs"
    if quota.max_gpus is not None and need.gpus and held_gpus + need.gpus > quota.max_gpus:
        return f"quota: {holder} has {held_gpus} of {quota.max_gpus} concurrent GPUs (this run needs {need.gpus})"
    return None
