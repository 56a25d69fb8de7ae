"""CPU benchmark of the demo SFT run (tiny-chat, LoRA, demo/sample_chat.jsonl).

Runs the real recipe (worker.engine.recipes.sft.run_sft) several times in this process and prints step time and
tokens/s against a named baseline measured in the same run:

    baseline            every batch padded to max_seq_length (static shapes)
    dynamic padding     batches padded to their longest example (the engine's default)
    dynamic, all cores  the same with one torch thread per available core (the engine leaves one core free)

    python bench/bench_sft_cpu.py [--steps 60] [--repeats 1] [--models DIR]

Tokens/s counts real (non-padding) tokens over all timed steps, so padding and slow outlier steps both show up
as lost throughput; the speed-up column is the tokens/s ratio to the baseline. Timings on a shared machine
are noisy: compare ratios from one invocation, and use --repeats to see the spread. Not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from worker.engine.demo_models import build_tiny_family, demo_spec
from worker.engine.recipes.sft import run_sft
from worker.engine.reporter import CheckpointInfo, StepMetrics


class TimingReporter:
    """Records when each optimizer step was reported; never asks to stop."""

    def __init__(self) -> None:
        self.stamps: list[float] = []
        self.metrics_seen: list[StepMetrics] = []

    def log(self, message: str, level: str = "info", **data: Any) -> None:
        pass

    def metrics(self, metrics: StepMetrics) -> None:
        self.stamps.append(time.perf_counter())
        self.metrics_seen.append(metrics)

    def checkpoint(self, info: CheckpointInfo) -> None:
        pass

    def should_stop(self) -> str | None:
        return None


@dataclass
class Figures:
    name: str
    train_seconds: float
    step_ms: float  # median, so the odd checkpoint or scheduler hiccup does not dominate
    p90_ms: float  # the tail: where oversubscribed threads show up
    tokens_per_second: float
    first_loss: float
    final_loss: float


def measure(name: str, models: Path, steps: int, *, pad: bool, threads: int | None) -> Figures:
    spec = demo_spec(models, max_steps=steps, save_steps=steps)
    reporter = TimingReporter()
    with tempfile.TemporaryDirectory(prefix="bench-sft-") as out:
        result = run_sft(spec, Path(out), reporter, pad_to_max_length=pad, cpu_threads=threads)
    # Step 1 includes one-off warm-up (allocator, kernels); leave it out of the per-step figures.
    gaps = [b - a for a, b in zip(reporter.stamps[1:], reporter.stamps[2:], strict=False)]
    tokens = sum(m.tokens_per_second * gap for m, gap in zip(reporter.metrics_seen[2:], gaps, strict=False))
    return Figures(
        name,
        result.train_seconds,
        1000 * statistics.median(gaps),
        1000 * statistics.quantiles(gaps, n=10)[-1],
        tokens / sum(gaps),
        result.losses[0],
        result.losses[-1],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=60, help="optimizer steps per variant (the demo run has 150)")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--models", type=Path, default=None, help="folder with tiny-chat/ (built if missing)")
    args = parser.parse_args()

    models_tmp = None
    if args.models is None:
        models_tmp = tempfile.TemporaryDirectory(prefix="bench-models-")
        args.models = Path(models_tmp.name)
    build_tiny_family(args.models)
    cores = len(os.sched_getaffinity(0))
    variants = [
        ("baseline: pad to max_seq_length", True, None),
        ("dynamic padding", False, None),
        (f"dynamic, all {cores} cores", False, cores),
    ]
    # Each repeat measures its own baseline, so every ratio compares runs taken minutes apart, not more.
    repeats = [
        [measure(name, args.models, args.steps, pad=pad, threads=threads) for name, pad, threads in variants]
        for _ in range(args.repeats)
    ]
    print(f"\ndemo SFT on CPU: {args.steps} steps, {cores} cores available, load avg {os.getloadavg()[0]:.1f}")
    header = f"{'variant':34} {'train s':>8} {'ms/step':>8} {'p90 ms':>8} {'tok/s':>8} {'speed-up':>9} {'loss first→last':>17}"
    print(header)
    print("-" * len(header))
    for rows in repeats:
        baseline = rows[0]
        for row in rows:
            speed_up = row.tokens_per_second / baseline.tokens_per_second
            print(
                f"{row.name:34} {row.train_seconds:8.2f} {row.step_ms:8.1f} {row.p90_ms:8.1f} {row.tokens_per_second:8.0f} "
                f"{speed_up:8.2f}x {row.first_loss:8.3f}→{row.final_loss:.3f}"
            )
    if models_tmp is not None:
        models_tmp.cleanup()


if __name__ == "__main__":
    main()
