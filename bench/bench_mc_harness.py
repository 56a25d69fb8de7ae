"""Agreement of Tunewright's multiple-choice scoring with lm-evaluation-harness on the same model and questions.

Builds a few MMLU-style tasks (one per subject, each with MMLU's description, prompt and " A"/" B"/... choices) as
local JSONL files and lm-eval task YAMLs, scores them with the harness's HFLM and with
worker.engine.evaluation.multiple_choice on the tiny demo chat and base models, and prints accuracy, acc_norm,
per-item choice agreement and the largest log-likelihood difference. Nothing is downloaded.

lm-eval is not a dependency of the workbench; install it (and its own dependencies) somewhere and put it on the path:

    pip install --target /tmp/lmeval-pkgs lm_eval
    PYTHONPATH=/tmp/lmeval-pkgs:. python bench/bench_mc_harness.py [--questions 40] [--models DIR]

Exits non-zero when any accuracy or per-item choice disagrees.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch

from worker.engine.demo_models import TINY_BASE, TINY_CHAT, build_tiny_family
from worker.engine.evaluation.multiple_choice import Question, score_multiple_choice
from worker.engine.inference import load_for_inference

SUBJECTS = ("arithmetic", "world_facts")
TASK_YAML = """task: tunewright_{subject}
dataset_path: json
dataset_kwargs:
  data_files:
    test: {path}
test_split: test
output_type: multiple_choice
description: "The following are multiple choice questions (with answers) about {title}.\\n\\n"
doc_to_text: "{{{{question.strip()}}}}\\nA. {{{{choices[0]}}}}\\nB. {{{{choices[1]}}}}\\nC. {{{{choices[2]}}}}\\nD. {{{{choices[3]}}}}\\nAnswer:"
doc_to_choice: ["A", "B", "C", "D"]
doc_to_target: answer
metric_list:
  - metric: acc
    aggregation: mean
    higher_is_better: true
  - metric: acc_norm
    aggregation: mean
    higher_is_better: true
"""


def make_questions(subject: str, count: int, seed: int) -> list[Question]:
    rng = random.Random(f"{seed}:{subject}")
    questions = []
    for _ in range(count):
        if subject == "arithmetic":
            a, b = rng.randint(2, 60), rng.randint(2, 60)
            right, text = a + b, f"What is {a} + {b}?"
        else:
            a = rng.randint(1, 12)
            right, text = a * 7, f"How many days are there in {a} week{'s' if a > 1 else ''}?"
        options = {right}
        while len(options) < 4:
            options.add(right + rng.choice([-10, -3, -2, -1, 1, 2, 3, 10]))
        choices = sorted(str(o) for o in options)
        rng.shuffle(choices)
        questions.append(Question(text, choices, choices.index(str(right)), subject))
    return questions


def harness_scores(model_path: Path, tasks_dir: Path, batch_size: int) -> dict[str, Any]:
    import lm_eval
    from lm_eval.models.huggingface import HFLM
    from lm_eval.tasks import TaskManager

    lm = HFLM(pretrained=str(model_path), device="cpu", batch_size=batch_size, dtype="float32")
    return dict(
        lm_eval.simple_evaluate(
            model=lm,
            tasks=[f"tunewright_{s}" for s in SUBJECTS],
            task_manager=TaskManager(include_path=str(tasks_dir)),
            log_samples=True,
            num_fewshot=0,
        )
    )


def compare(
    model_name: str, model_path: Path, questions: dict[str, list[Question]], tasks_dir: Path, batch: int
) -> bool:
    started = time.perf_counter()
    harness = harness_scores(model_path, tasks_dir, batch)
    harness_s = time.perf_counter() - started
    loaded = load_for_inference(model_path, device=torch.device("cpu"), dtype=torch.float32)
    agree = True
    for subject in SUBJECTS:
        started = time.perf_counter()
        ours = score_multiple_choice(loaded.model, loaded.tokenizer, questions[subject], batch_size=batch)
        ours_s = time.perf_counter() - started
        task = f"tunewright_{subject}"
        metrics = harness["results"][task]
        samples = sorted(harness["samples"][task], key=lambda s: s["doc_id"])
        their_lls = [[float(r[0]) for r in s["filtered_resps"]] for s in samples]
        their_choice = [max(range(len(lls)), key=lambda i: (lls[i], -i)) for lls in their_lls]
        our_choice = [item.chosen for item in ours.items]
        same_items = sum(a == b for a, b in zip(their_choice, our_choice, strict=True))
        max_diff = max(
            abs(a - b)
            for item, lls in zip(ours.items, their_lls, strict=True)
            for a, b in zip(item.loglikelihoods, lls, strict=True)
        )
        ok = (
            same_items == len(our_choice)
            and abs(metrics["acc,none"] - ours.overall.accuracy) < 1e-9
            and abs(metrics["acc_norm,none"] - ours.overall.accuracy_norm) < 1e-9
        )
        agree &= ok
        print(
            f"| {model_name} | {subject} | {len(our_choice)} | {metrics['acc,none']:.4f} | {ours.overall.accuracy:.4f} "
            f"| {metrics['acc_norm,none']:.4f} | {ours.overall.accuracy_norm:.4f} | {same_items}/{len(our_choice)} "
            f"| {max_diff:.2e} | {harness_s:.1f} | {ours_s:.1f} | {'yes' if ok else 'NO'} |"
        )
    return agree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=40, help="questions per subject")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--models", type=Path, default=None, help="folder of the tiny demo models (built if missing)")
    args = parser.parse_args()
    import lm_eval

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        family = build_tiny_family(args.models or work / "models")
        questions = {s: make_questions(s, args.questions, seed=7) for s in SUBJECTS}
        tasks_dir = work / "tasks"
        tasks_dir.mkdir()
        for subject, items in questions.items():
            path = work / f"{subject}.jsonl"
            path.write_text(
                "".join(
                    json.dumps({"question": q.question, "choices": q.choices, "answer": q.answer_index}) + "\n"
                    for q in items
                ),
                encoding="utf-8",
            )
            title = subject.replace("_", " ")
            (tasks_dir / f"{subject}.yaml").write_text(
                TASK_YAML.format(subject=subject, path=path, title=title), encoding="utf-8"
            )
        print(f"lm-eval {lm_eval.__version__}, torch {torch.__version__}; harness = baseline, ours = Tunewright\n")
        print(
            "| model | subject | items | harness acc | our acc | harness acc_norm | our acc_norm | same choice "
            "| max abs Δ loglik | harness s | ours s | agree |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        agree = all(
            [compare(name, family[name], questions, tasks_dir, args.batch_size) for name in (TINY_CHAT, TINY_BASE)]
        )
    sys.exit(0 if agree else 1)


if __name__ == "__main__":
    main()
