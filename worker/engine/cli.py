"""Command line for the engine, so it runs without Celery or a database.

python -m worker.engine train SPEC.json OUTPUT_DIR    # SPEC.json: a ResolvedTrainingSpec (stage sft or cpt)
python -m worker.engine demo OUTPUT_DIR [--models DIR] # the demo run on tiny-chat and the sample chat data
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from specs.training import ResolvedTrainingSpec
from worker.engine.errors import EngineError
from worker.engine.reporter import PrintReporter, StopRequested


def _train(spec: ResolvedTrainingSpec, output_dir: Path) -> int:
    from worker.engine.recipes.train import run_training  # torch loads here, once the arguments are known valid

    try:
        result = run_training(spec, output_dir, PrintReporter())
    except StopRequested as stop:
        print(f"stopped: {stop.reason}", file=sys.stderr)
        return 3
    except EngineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    early = " (stopped early)" if result.stopped_early else ""
    print(f"final weights{early}: {result.final_dir}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m worker.engine", description="Tunewright training engine")
    commands = parser.add_subparsers(dest="command", required=True)
    train = commands.add_parser("train", help="run the training described by a resolved spec")
    train.add_argument("spec", type=Path, help="JSON file holding a ResolvedTrainingSpec")
    train.add_argument("output_dir", type=Path, help="folder for checkpoints/ and final/ (resumes if it has some)")
    demo = commands.add_parser("demo", help="build the tiny models if needed and run the demo fine-tuning")
    demo.add_argument("output_dir", type=Path)
    demo.add_argument("--models", type=Path, default=Path("var/models"), help="folder holding tiny-chat/")
    args = parser.parse_args(argv)

    if args.command == "train":
        spec = ResolvedTrainingSpec.model_validate_json(args.spec.read_text(encoding="utf-8"))
        return _train(spec, args.output_dir)
    from worker.engine.demo_models import build_tiny_family, demo_spec

    build_tiny_family(args.models)
    return _train(demo_spec(args.models), args.output_dir)


if __name__ == "__main__":
    sys.exit(main())
