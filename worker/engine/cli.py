"""Command line for the engine, so it runs without Celery or a database.

python -m worker.engine train SPEC.json OUTPUT_DIR    # SPEC.json: a ResolvedTrainingSpec
python -m worker.engine demo OUTPUT_DIR [--models DIR] # the demo run on tiny-chat and the sample chat data

`train` also runs under `torchrun --nproc_per_node K -m worker.engine train ...` (data parallel over K processes,
see distributed.py). With `--events FILE` rank 0 writes its reports as JSON lines there instead of printing them,
and `--stop-file FILE` stops the run after the step during which the file appears (its text is the reason).
Exit status: 0 finished, 2 engine error (bad data, divergence, impossible settings), 3 stopped on request.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from specs.training import ResolvedTrainingSpec
from worker.engine.errors import EngineError
from worker.engine.event_log import EventFileReporter, RunEnd
from worker.engine.reporter import PrintReporter, StopRequested


def _train(
    spec: ResolvedTrainingSpec, output_dir: Path, events: Path | None = None, stop_file: Path | None = None
) -> int:
    # torch loads here, once the arguments are known valid
    from worker.engine.distributed import join_process_group, leave_process_group
    from worker.engine.recipes.train import run_training

    distributed = join_process_group(cuda=spec.resources.device == "cuda")
    events_reporter = EventFileReporter(events, stop_file) if events is not None and distributed.is_main else None
    end: RunEnd
    try:
        result = run_training(spec, output_dir, events_reporter or PrintReporter(), distributed=distributed)
        early = " (stopped early)" if result.stopped_early else ""
        print(f"final weights{early}: {result.final_dir}")
        end, status = RunEnd("finished"), 0
    except StopRequested as stop:
        print(f"stopped: {stop.reason}", file=sys.stderr)
        end, status = RunEnd("stopped", stop.reason), 3
    except EngineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        end, status = RunEnd("error", str(exc)), 2
    finally:
        leave_process_group()
    if events_reporter is not None:
        events_reporter.end(end)
        events_reporter.close()
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m worker.engine", description="Tunewright training engine")
    commands = parser.add_subparsers(dest="command", required=True)
    train = commands.add_parser("train", help="run the training described by a resolved spec")
    train.add_argument("spec", type=Path, help="JSON file holding a ResolvedTrainingSpec")
    train.add_argument("output_dir", type=Path, help="folder for checkpoints/ and final/ (resumes if it has some)")
    train.add_argument("--events", type=Path, help="append rank 0's reports to this file as JSON lines")
    train.add_argument("--stop-file", type=Path, help="stop after the step during which this file appears")
    demo = commands.add_parser("demo", help="build the tiny models if needed and run the demo fine-tuning")
    demo.add_argument("output_dir", type=Path)
    demo.add_argument("--models", type=Path, default=Path("var/models"), help="folder holding tiny-chat/")
    args = parser.parse_args(argv)

    if args.command == "train":
        spec = ResolvedTrainingSpec.model_validate_json(args.spec.read_text(encoding="utf-8"))
        return _train(spec, args.output_dir, args.events, args.stop_file)
    from worker.engine.demo_models import build_tiny_family, demo_spec

    build_tiny_family(args.models)
    return _train(demo_spec(args.models), args.output_dir)


if __name__ == "__main__":
    sys.exit(main())
