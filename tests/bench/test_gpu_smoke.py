"""bench/gpu_smoke.py's CPU path: the script a GPU host runs for the engine-vs-baseline figures must itself work.

Its numbers mean nothing on the CPU; what is checked is that every method asked for gets an engine row and a
baseline row, and that the ratio printed is the engine's tokens/s over the baseline's.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bench" / "gpu_smoke.py"
METHODS = ("lora", "full")
BASELINES = {"lora": "HF Trainer + PEFT", "full": "HF Trainer"}
# method, implementation, tok/s, ms/step, peak GiB (nan on the CPU), MFU (n/a without a GPU peak), tok/s ×, mem ×
ROW = re.compile(
    r"^(?P<method>\w+)\s+(?P<impl>engine|HF Trainer(?: \+ PEFT)?)\s+(?P<tps>\d+)\s+(?P<ms>[\d.]+)\s+nan\s+n/a\s+"
    r"(?P<ratio>[\d.]+)x\s+-$"
)


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    # No GPU visible, whatever the host has: this is the CPU path.
    env = {**os.environ, "CUDA_VISIBLE_DEVICES": "", "TOKENIZERS_PARALLELISM": "false"}
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, env=env, timeout=300, cwd=ROOT
    )


def test_the_cpu_run_prints_a_ratio_for_every_method() -> None:
    shrunk = ["--steps", "4", "--warmup-steps", "1", "--batch-size", "2", "--seq-len", "32"]
    result = run_script("--allow-cpu", "--methods", ",".join(METHODS), *shrunk)
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    assert "tiny (0.00B parameters, random weights) on CPU: 4 steps (1 warm-up not timed) x 2 x 32 tokens" in out
    rows = {(m["method"], m["impl"]): m for m in map(ROW.match, out.splitlines()) if m}
    assert set(rows) == {(method, impl) for method in METHODS for impl in ("engine", BASELINES[method])}, out
    for method in METHODS:
        engine, baseline = rows[(method, "engine")], rows[(method, BASELINES[method])]
        assert float(baseline["ratio"]) == 1.0
        expected = int(engine["tps"]) / int(baseline["tps"])
        assert float(engine["ratio"]) == pytest.approx(expected, rel=0.02, abs=0.01), (method, out)
    assert out.rstrip().endswith(
        "ratios: engine / baseline of the same method (tok/s higher is better, memory lower is better)"
    )


def test_without_a_gpu_it_refuses_unless_asked_to_check_itself_on_the_cpu() -> None:
    result = run_script("--methods", "lora")
    assert result.returncode == 2
    assert "no CUDA GPU is visible" in result.stderr and "--allow-cpu" in result.stderr
    assert "tok/s" not in result.stdout
