"""Who generates an evaluation's replies to multiple-choice questions: the inference service or the worker itself.

`service` asks the inference service (vLLM on a CUDA host, else the CPU server) through /v1/completions with the
prompt as token ids, greedy, with the engine's stop tokens, so the replies are those the worker would generate;
`in_process` generates with the model the worker loaded for log-likelihood scoring; `auto` takes the service when
it is reachable and can serve every model the job generates with, else generates in process. The choice is made
once, before any scoring, so an explicit `service` that cannot be had fails at once rather than after the
log-likelihood pass; its reason is recorded on the evaluation. Under `auto` a service that fails midway (restarted,
unreachable) hands the rest of that model's replies to the worker, which generates the same greedy replies from the
same token ids, so the evaluation finishes; the switch and its reason are recorded. An explicit `service` fails.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from backend.core.errors import DomainError, ServiceUnavailable
from backend.serving.client import InferenceClient
from backend.serving.service import ServingTarget, ensure_served
from specs.evaluation import EvaluationJob
from worker.engine.evaluation.generate_extract import GenerateReplies


@dataclass(frozen=True)
class GenerationChoice:
    backend: Literal["service", "in_process"]
    reason: str
    client: InferenceClient | None = None
    targets: dict[str, ServingTarget] = field(default_factory=dict)  # "candidate"/"reference" → served model
    max_new_tokens: int = 32
    concurrency: int = 1
    on_fallback: Callable[[str], None] | None = None  # auto: told why the rest is generated in process

    def replies(self, label: str, stop_ids: set[int], here: GenerateReplies) -> GenerateReplies | None:
        """The engine's hook: the service's replies for that model, or None to generate in process (`here`)."""
        if self.backend != "service" or self.client is None or label not in self.targets:
            return None
        served = service_replies(self.client, self.targets[label], stop_ids, self.max_new_tokens, self.concurrency)
        if self.on_fallback is None:
            return served
        return falling_back(served, here, label, self.on_fallback)


def falling_back(
    served: GenerateReplies, here: GenerateReplies, label: str, on_fallback: Callable[[str], None]
) -> GenerateReplies:
    """The service's replies until a request fails, then in process from the failed batch on."""
    failed = False

    def generate(prompts: Sequence[list[int]]) -> list[str]:
        nonlocal failed
        if not failed:
            try:
                return served(prompts)
            except DomainError as exc:
                failed = True
                on_fallback(
                    f"auto: the inference service failed while answering for the {label} model ({exc.detail}); "
                    "its remaining replies were generated in process"
                )
        return here(prompts)

    return generate


def _target(name: str | None, path: str) -> ServingTarget:
    if name is None:
        raise DomainError("the evaluation names no served model (it was created before evaluations used the service)")
    return ServingTarget(name, path, (Path(path) / "adapter_config.json").is_file())


def _targets(job: EvaluationJob, reference: bool) -> dict[str, ServingTarget]:
    targets = {"candidate": _target(job.model_served_name, job.model_path)}
    general_mc = any(s.role == "general" and s.kind == "multiple_choice" for s in job.sets)
    if reference and general_mc and job.reference_path is not None:
        targets["reference"] = _target(job.reference_served_name, job.reference_path)
    return targets


def choose(
    job: EvaluationJob,
    client: InferenceClient,
    *,
    reference: bool,
    concurrency: int = 1,
    on_fallback: Callable[[str], None] | None = None,
) -> GenerationChoice | None:
    """The backend for the job's replies (None when it generates none); `reference`: the reference model is scored
    in this job (not all its results cached); `on_fallback`: told when an `auto` job's service fails midway. Raises
    ServiceUnavailable when `service` was asked for and cannot be had."""
    if not job.generate_answers or not any(s.kind == "multiple_choice" for s in job.sets):
        return None
    if job.generation_backend == "in_process":
        return GenerationChoice("in_process", "in_process was asked for")
    try:
        targets = _targets(job, reference)
        for target in targets.values():
            ensure_served(client, target)
    except DomainError as exc:
        if job.generation_backend == "service":
            raise ServiceUnavailable(
                f"generation_backend is 'service' but the inference service cannot generate the replies: "
                f"{exc.detail} Start it, or evaluate with generation_backend 'auto' or 'in_process'."
            ) from exc
        return GenerationChoice("in_process", f"auto: the inference service could not be used ({exc.detail})")
    names = ", ".join(t.served_name for t in targets.values())
    asked = "service was asked for" if job.generation_backend == "service" else "auto: the service is reachable"
    return GenerationChoice(
        "service",
        f"{asked}; {client.where} serves {names}",
        client,
        targets,
        job.max_new_tokens,
        concurrency,
        on_fallback if job.generation_backend == "auto" else None,
    )


def service_replies(
    client: InferenceClient, target: ServingTarget, stop_ids: set[int], max_new_tokens: int, concurrency: int
) -> GenerateReplies:
    """Greedy replies from /v1/completions; `concurrency` requests at a time (vLLM batches them itself)."""

    def one(prompt: list[int]) -> str:
        body = {
            "model": target.served_name,
            "prompt": prompt,
            "max_tokens": max_new_tokens,
            "temperature": 0,
            # vLLM takes sampling defaults from a model's generation_config.json (Qwen2.5's asks for 1.05); scoring
            # measures the plain greedy answer, as the in-process path does.
            "repetition_penalty": 1.0,
            "stop_token_ids": sorted(stop_ids),
        }
        reply = client.complete("/v1/completions", body)
        return str(reply["choices"][0]["text"] or "")

    def generate(prompts: Sequence[list[int]]) -> list[str]:
        if concurrency <= 1:
            return [one(p) for p in prompts]
        with ThreadPoolExecutor(max_workers=min(concurrency, len(prompts))) as pool:
            return list(pool.map(one, prompts))

    return generate
