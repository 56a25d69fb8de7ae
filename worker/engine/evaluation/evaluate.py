"""One evaluation job: score a model (and, for the general sets, the untouched reference model) on its eval sets.

    load the candidate → every set: multiple-choice accuracy or eval loss → free it
    → load the reference (only for general sets whose reference results the caller has not cached)
      → those general sets again → free it
    → summary: domain metrics, general metrics, and the general ones' change against the reference (forgetting).

One model is in memory at a time. Replies to multiple-choice questions (generate_answers) come from that model, or
from the inference service when the caller hands in `service_replies` for it (given the in-process generator, so
the caller may fall back to it). Per-item results (the chosen answer of every multiple-choice question, for the
candidate and the reference) come back alongside the metrics, and the reference's freshly scored sets separately
so the caller can cache them.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from specs.evaluation import EvalSetSpec, EvaluationJob
from worker.engine.data.records import read_jsonl
from worker.engine.errors import DataError
from worker.engine.evaluation.generate_extract import GenerateReplies, in_process, score_by_generation
from worker.engine.evaluation.loss import dataset_loss
from worker.engine.evaluation.multiple_choice import Question, score_multiple_choice
from worker.engine.inference import InferenceModel, load_for_inference, stop_token_ids
from worker.engine.precision import mixed_precision

Progress = Callable[[float, str], None]  # fraction done (0-1), what is happening
# The service's replies for the model labelled "candidate" or "reference", given its stop token ids and the in-process
# generator (the caller may fall back to it); None: in process.
ServiceReplies = Callable[[str, set[int], GenerateReplies], GenerateReplies | None]


SetResults = tuple[dict[str, Any], list[dict[str, Any]]]  # one set's metrics and per-item rows


@dataclass
class EvaluationOutcome:
    summary: dict[str, float]
    sets: list[dict[str, Any]]
    items: list[dict[str, Any]] = field(repr=False)
    # The reference's results of the general sets scored in this job (not taken from `cached_reference`).
    reference_scored: dict[str, SetResults] = field(default_factory=dict, repr=False)
    reference_loaded: bool = False


def _questions(spec: EvalSetSpec) -> list[Question]:
    try:
        questions = [Question.from_record(record) for _, record in read_jsonl(Path(spec.path))]
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"eval set {spec.name} is not a multiple-choice set ({exc})", source=spec.path) from None
    if not questions:
        raise DataError(f"eval set {spec.name} has no questions", source=spec.path)
    return questions


def _replies(loaded: InferenceModel, job: EvaluationJob, label: str, service: ServiceReplies | None) -> GenerateReplies:
    stop_ids = stop_token_ids(loaded)
    here = in_process(
        loaded.model,
        loaded.tokenizer,
        stop_ids=stop_ids,
        max_new_tokens=job.max_new_tokens,
        max_length=job.max_seq_length,
    )
    from_service = service(label, stop_ids, here) if service is not None else None
    return from_service if from_service is not None else here


def _score_multiple_choice(
    model: torch.nn.Module,
    tokenizer: Any,
    questions: list[Question],
    job: EvaluationJob,
    progress: Callable[[int, int], None],
    replies: GenerateReplies | None,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One set's metrics and per-question rows: log-likelihood scores, and generated answers when the job asks."""
    passes = 2 if job.generate_answers else 1
    result = score_multiple_choice(
        model,
        tokenizer,
        questions,
        style=job.prompt_style,
        system_prompt=job.default_system_prompt,
        batch_size=job.batch_size,
        max_length=job.max_seq_length,
        progress=lambda done, total: progress(done, total * passes),
    )
    metrics: dict[str, Any] = {
        "mc_accuracy": result.overall.accuracy,
        "mc_accuracy_norm": result.overall.accuracy_norm,
        "questions": result.overall.count,
        "subjects": {
            name: {"mc_accuracy": a.accuracy, "mc_accuracy_norm": a.accuracy_norm, "questions": a.count}
            for name, a in result.subjects.items()
        },
    }
    items: list[dict[str, Any]] = [
        {
            "index": item.index,
            "subject": item.subject,
            "answer": item.answer,
            "chosen": item.chosen,
            "chosen_norm": item.chosen_norm,
            "correct": item.correct,
            "loglikelihoods": item.loglikelihoods,
        }
        for item in result.items
    ]
    if replies is not None:
        generated = score_by_generation(
            tokenizer,
            questions,
            replies,
            style=job.prompt_style,
            system_prompt=job.default_system_prompt,
            batch_size=job.batch_size,
            max_length=job.max_seq_length,
            max_new_tokens=job.max_new_tokens,
            progress=lambda done, total: progress(total + done, total * 2),
        )
        metrics["mc_generate_accuracy"] = generated.overall.accuracy
        for name, accuracy in generated.subjects.items():
            metrics["subjects"][name]["mc_generate_accuracy"] = accuracy.accuracy
        for row, answer in zip(items, generated.items, strict=True):
            row.update(generated=answer.generated, extracted=answer.extracted, generate_correct=answer.correct)
    return metrics, items


def _score_sets(
    path: str,
    sets: list[EvalSetSpec],
    job: EvaluationJob,
    model_label: str,
    report: Callable[[float], None],
    service: ServiceReplies | None,
) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Metrics per set id and the per-item rows, for one model."""
    loaded = load_for_inference(path)
    replies = _replies(loaded, job, model_label, service) if job.generate_answers else None
    model, tokenizer = loaded.model, loaded.tokenizer
    device = next(model.parameters()).device
    precision = mixed_precision("bf16" if next(model.parameters()).dtype == torch.bfloat16 else "fp32", device)
    metrics: dict[str, dict[str, Any]] = {}
    items: list[dict[str, Any]] = []
    try:
        for position, spec in enumerate(sets):

            def progress(done: int, total: int, position: int = position) -> None:
                report((position + done / total) / len(sets))

            if spec.kind == "multiple_choice":
                set_metrics, set_items = _score_multiple_choice(
                    model, tokenizer, _questions(spec), job, progress, replies
                )
                metrics[spec.dataset_id] = set_metrics
                items += [{"dataset_id": spec.dataset_id, "model": model_label, **item} for item in set_items]
            else:
                loss = dataset_loss(
                    model,
                    tokenizer,
                    Path(spec.path),
                    spec.kind,
                    precision,
                    max_seq_length=job.max_seq_length,
                    batch_size=job.batch_size,
                    system_prompt=job.default_system_prompt,
                )
                metrics[spec.dataset_id] = {
                    "eval_loss": loss.loss,
                    "perplexity": loss.perplexity,
                    "tokens": loss.tokens,
                }
                progress(1, 1)
    finally:
        del model, loaded, replies
        gc.collect()
        if torch.cuda.is_available():
            torch.cuda.empty_cache()
    return metrics, items


def _pooled(sets: list[EvalSetSpec], metrics: dict[str, dict[str, Any]], prefix: str) -> dict[str, float]:
    """Accuracy over all questions of the sets (micro average) and loss over all their scored tokens."""
    out: dict[str, float] = {}
    mc = [metrics[s.dataset_id] for s in sets if s.kind == "multiple_choice"]
    if mc:
        questions = sum(m["questions"] for m in mc)
        for key in ("mc_accuracy", "mc_accuracy_norm", "mc_generate_accuracy"):
            if all(key in m for m in mc):
                out[prefix + key] = sum(m[key] * m["questions"] for m in mc) / questions
    losses = [metrics[s.dataset_id] for s in sets if s.kind != "multiple_choice"]
    if losses:
        tokens = sum(m["tokens"] for m in losses)
        loss = sum(m["eval_loss"] * m["tokens"] for m in losses) / tokens
        out[prefix + "eval_loss"] = loss
        out[prefix + "perplexity"] = float(torch.tensor(loss).exp())
    return out


def run_evaluation(
    job: EvaluationJob,
    progress: Progress | None = None,
    cached_reference: dict[str, SetResults] | None = None,
    service_replies: ServiceReplies | None = None,
) -> EvaluationOutcome:
    """Score the job; `cached_reference` (set id → metrics and items) stands in for scoring the reference model on
    those general sets, and when it covers them all the reference model is not loaded at all. `service_replies`
    generates answers through the inference service instead of the loaded model."""
    cached = cached_reference or {}
    general = [s for s in job.sets if s.role == "general"]
    domain = [s for s in job.sets if s.role == "domain"]
    compare = bool(general) and job.reference_path is not None
    to_score = [s for s in general if s.dataset_id not in cached] if compare else []
    share = 0.5 if to_score else 1.0

    def report(start: float, what: str) -> Callable[[float], None]:
        return lambda fraction: progress(start + share * fraction, what) if progress else None

    candidate, items = _score_sets(
        job.model_path, job.sets, job, "candidate", report(0.0, "scoring the model"), service_replies
    )
    summary = _pooled(domain, candidate, "") | _pooled(general, candidate, "general_")
    reference: dict[str, dict[str, Any]] = {}
    scored: dict[str, SetResults] = {}
    if to_score:
        assert job.reference_path is not None
        fresh, fresh_items = _score_sets(
            job.reference_path, to_score, job, "reference", report(0.5, "scoring the reference model"), service_replies
        )
        scored = {
            s.dataset_id: (fresh[s.dataset_id], [i for i in fresh_items if i["dataset_id"] == s.dataset_id])
            for s in to_score
        }
    if compare:
        for s in general:
            metrics, set_items = scored[s.dataset_id] if s.dataset_id in scored else cached[s.dataset_id]
            reference[s.dataset_id] = metrics
            items += set_items
        before = _pooled(general, reference, "general_")
        for key, value in before.items():
            summary["reference_" + key] = value
            summary[key + "_delta"] = summary[key] - value
    sets = [
        {
            "dataset_id": s.dataset_id,
            "name": s.name,
            "kind": s.kind,
            "role": s.role,
            "metrics": candidate[s.dataset_id],
            **(
                {"reference": reference[s.dataset_id], "reference_cached": s.dataset_id not in scored}
                if s.dataset_id in reference
                else {}
            ),
        }
        for s in job.sets
    ]
    if progress:
        progress(1.0, "done")
    return EvaluationOutcome(summary, sets, items, scored, bool(to_score))
