"""The entry point the worker task imports: `run_sft` trains whichever stage the spec names.

Every stage (sft, cpt) runs the one training loop in recipes/train.py; `run_sft` is the name callers written
before continued pretraining existed still use, and is exactly `run_training`.
"""

from __future__ import annotations

from worker.engine.recipes.train import FINAL, TrainingResult, run_training, spec_fingerprint

SftResult = TrainingResult
run_sft = run_training

__all__ = ["FINAL", "SftResult", "TrainingResult", "run_sft", "run_training", "spec_fingerprint"]
