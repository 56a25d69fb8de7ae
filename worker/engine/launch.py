"""The command that starts the engine's CLI in K data-parallel processes (torchrun), for a run with K > 1 devices."""

from __future__ import annotations

import sys
from pathlib import Path


def torchrun_command(
    spec_file: Path,
    output_dir: Path,
    processes: int,
    *,
    events: Path,
    stop_file: Path,
    python: str = sys.executable,
) -> list[str]:
    """`python -m torch.distributed.run --standalone --nproc_per_node K -m worker.engine train ...`.

    torch.distributed.run is what the `torchrun` script runs, started with this interpreter so the worker's
    environment is the one used whatever PATH says. `--standalone` gives the processes a rendezvous of their own on
    a free local port, so runs on one machine never meet each other's processes.
    """
    if processes < 2:
        raise ValueError(f"torchrun is for 2 or more processes, not {processes}; run the engine in-process")
    return [
        python,
        "-m",
        "torch.distributed.run",
        "--standalone",
        f"--nproc_per_node={processes}",
        "-m",
        "worker.engine",
        "train",
        str(spec_file),
        str(output_dir),
        "--events",
        str(events),
        "--stop-file",
        str(stop_file),
    ]
