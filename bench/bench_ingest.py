"""Scale benchmark: ingest a large synthetic chat JSONL through the real ingest path, then compute its data report.

    python bench/bench_ingest.py [--size-mb 1024] [--seed 0] [--models DIR] [--keep DIR [--reuse]] [--phases ...]

Generates ≈ size-mb of seeded synthetic conversations (≈ 1 KB each, so 1024 MB ≈ 1M conversations, with planted
exact and near duplicates, emails and garbage) in a temporary folder, then measures, each phase in a fresh process
so that its peak RSS is its own:

    baseline: json.loads scan   read the file line by line and parse every line (the floor for any JSONL reader)
    ingest                      stage_upload + ingest: detection, validation, normalisation, hashing, writing
    report                      the data report of the normalised records with tiny-chat's tokenizer and template

and prints MB/s and records/s of the input file, wall seconds and peak RSS (VmHWM of the phase's process),
with the ratio of each phase's throughput to the baseline. Not a test; figures go to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SAMPLE = Path(__file__).resolve().parents[1] / "demo" / "sample_chat.jsonl"
PLANTED_EXACT = 0.01  # share of records that copy an earlier one
PLANTED_NEAR = 0.01  # share that copy an earlier one with a word changed


def _vocabulary() -> list[str]:
    """Real words (those of the bundled sample chats), so tokenizers split them as they split real text."""
    words: set[str] = set()
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        for message in json.loads(line)["messages"]:
            words.update(w.strip(".,!?;:\"'()").lower() for w in message["content"].split())
    return sorted(w for w in words if w.isalpha())


def _sentence(rng: random.Random, words: list[str], n: int) -> str:
    return " ".join(rng.choices(words, k=n)).capitalize() + "."


def generate(path: Path, size_mb: int, seed: int) -> None:
    """Write ≈ size_mb MB of conversations."""
    rng = random.Random(seed)
    words = _vocabulary()
    target = size_mb * 1024 * 1024
    written = 0
    recent: list[str] = []
    with path.open("w", encoding="utf-8") as out:
        while written < target:
            roll = rng.random()
            if recent and roll < PLANTED_EXACT:
                line = rng.choice(recent)
            elif recent and roll < PLANTED_EXACT + PLANTED_NEAR:
                record = json.loads(rng.choice(recent))
                last = record["messages"][-1]
                last["content"] = last["content"].rsplit(" ", 1)[0] + " " + rng.choice(words) + "."
                line = json.dumps(record, ensure_ascii=False)
            else:
                messages = []
                if rng.random() < 0.3:
                    messages.append({"role": "system", "content": _sentence(rng, words, rng.randint(5, 15))})
                for _ in range(rng.randint(1, 3)):
                    question = _sentence(rng, words, rng.randint(8, 30))
                    if rng.random() < 0.002:
                        question += f" Contact me at user{rng.randint(0, 10**6)}@example.com."
                    messages.append({"role": "user", "content": question})
                    messages.append({"role": "assistant", "content": _sentence(rng, words, rng.randint(30, 120))})
                line = json.dumps({"messages": messages}, ensure_ascii=False)
                if len(recent) < 10_000:
                    recent.append(line)
                elif rng.random() < 0.01:
                    recent[rng.randrange(len(recent))] = line
            out.write(line + "\n")
            written += len(line.encode("utf-8")) + 1


def _baseline(path: str) -> dict[str, Any]:
    count = 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            json.loads(line)
            count += 1
    return {"records": count}


def _ingest(path: str) -> dict[str, Any]:
    from backend.datasets.ingest import ingest, stage_upload

    source = Path(path)
    staged, normalised = source.with_suffix(".staged"), source.with_suffix(".records.jsonl")
    with source.open("rb") as stream:
        stage_upload(stream, staged, max_bytes=1 << 40)
    result = ingest(staged, source.name, normalised)
    staged.unlink()
    if result.problems:
        raise SystemExit(f"ingest found problems: {result.problems[0].sentence()}")
    return {"records": result.record_count, "kind": result.kind, "normalised": str(normalised)}


def _report(path: str, model: str) -> dict[str, Any]:
    from worker.engine.data.profiling.report import ReportOptions, build_report
    from worker.engine.data.profiling.tokens import TokenCounter
    from worker.engine.loading import load_tokenizer

    tokenizer = load_tokenizer(model)
    counter = TokenCounter(tokenizer, "messages", chat_template=str(tokenizer.chat_template))
    report = build_report(Path(path), "messages", counter, ReportOptions(max_length=2048))
    return {
        "records": report["records"],
        "exact": report["exact_duplicates"]["duplicate_records"],
        "near": report["near_duplicates"]["duplicate_records"],
        "emails": report["pii"]["by_type"]["email"]["matches"],
        "tokens": report["tokens"]["total"]["total"],
    }


def _peak_rss_mb() -> float:
    """This process's peak RSS. VmHWM starts afresh at exec; ru_maxrss would include the parent's size at fork."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux, a fallback elsewhere


def _timed(queue: Any, fn: Callable[..., dict[str, Any]], args: tuple[Any, ...]) -> None:
    start = time.perf_counter()
    result = fn(*args)
    result["seconds"] = time.perf_counter() - start
    result["peak_rss_mb"] = _peak_rss_mb()
    queue.put(result)


def in_fresh_process(fn: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_timed, args=(queue, fn, args))
    process.start()
    result: dict[str, Any] = queue.get()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--models", type=Path, help="where the tiny demo models are (built there if missing)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep the files")
    parser.add_argument("--reuse", action="store_true", help="reuse the synthetic file already in --keep")
    parser.add_argument(
        "--phases", default="baseline,ingest,report", help="comma-separated subset of baseline,ingest,report"
    )
    args = parser.parse_args()
    phases = set(args.phases.split(","))

    from worker.engine.demo_models import TINY_CHAT, build_tiny_family

    work = args.keep or Path(tempfile.mkdtemp(prefix="tunewright-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        model = build_tiny_family(args.models or work / "models")[TINY_CHAT]
        data = work / "synthetic.jsonl"
        start = time.perf_counter()
        if not (args.reuse and data.exists()):
            generate(data, args.size_mb, args.seed)
        records = sum(1 for _ in data.open("rb"))
        size_mb = data.stat().st_size / (1024 * 1024)
        print(f"{records:,} conversations, {size_mb:,.0f} MB ready in {time.perf_counter() - start:.0f} s")
        print("| phase | s | MB/s | records/s | peak RSS MB | throughput vs baseline |", flush=True)
        print("|---|---|---|---|---|---|", flush=True)
        baseline_seconds = None

        def row(name: str, figures: dict[str, Any]) -> None:
            seconds = figures["seconds"]
            ratio = f"{baseline_seconds / seconds:.2f}×" if baseline_seconds else "–"
            print(
                f"| {name} | {seconds:.1f} | {size_mb / seconds:.1f} | {records / seconds:,.0f} | "
                f"{figures['peak_rss_mb']:.0f} | {ratio} |",
                flush=True,
            )

        if "baseline" in phases:
            baseline = in_fresh_process(_baseline, str(data))
            baseline_seconds = baseline["seconds"]
            row("baseline: json.loads scan", baseline)
        normalised = data.with_suffix(".records.jsonl")
        if "ingest" in phases:
            ingested = in_fresh_process(_ingest, str(data))
            row("ingest (stage + detect + validate + normalise)", ingested)
        if "report" in phases:
            report = in_fresh_process(_report, str(normalised), str(model))
            row("report (tiny-chat tokenizer + template)", report)
            print(
                f"\nreport: {report['records']:,} records, {report['tokens']:,} tokens, {report['exact']:,} exact and "
                f"{report['near']:,} near duplicates, {report['emails']:,} emails "
                f"(planted ≈ {PLANTED_EXACT:.0%} exact, ≈ {PLANTED_NEAR:.0%} near)"
            )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
