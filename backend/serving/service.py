"""Chat and completions on any model the workbench knows: resolve the request's `model`, make sure the inference
server has it, forward the request and hand back its answer under the name the caller used."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from backend.catalog import service as catalog
from backend.catalog.architecture import read_chat_template
from backend.core.errors import Conflict, DomainError, NotFound
from backend.core.principal import Principal
from backend.models import Checkpoint, RunStatus
from backend.serving import repository
from backend.serving.client import InferenceClient
from backend.serving.schemas import ServableModel
from specs.inference import ChatCompletionRequest, CompletionRequest, SamplingRequest

MAX_LISTED_CHECKPOINTS = 200
FINE_TUNED_PREFIX = "ft:"
# OpenAI names a job's checkpoints `<fine-tuned model>:ckpt-step-<N>` (fine_tuned_model_checkpoint).
CHECKPOINT_SUFFIX = re.compile(r"^(?P<model>ft:.+):ckpt-step-(?P<step>\d+)$")


@dataclass(frozen=True)
class ServingTarget:
    served_name: str  # the name the inference server knows it by
    path: str
    is_adapter: bool


def _checkpoint_target(checkpoint: Checkpoint) -> ServingTarget:
    folder = Path(checkpoint.path)
    if not folder.is_dir():
        raise Conflict(f"Checkpoint {checkpoint.id}'s folder {folder} is gone; pick another checkpoint.", field="model")
    return ServingTarget(checkpoint.id, str(folder), (folder / "adapter_config.json").is_file())


def _run_target(session: Session, principal: Principal, run_id: str, project_id: str | None) -> ServingTarget:
    run = repository.get_visible_run(session, run_id, principal, project_id)
    if run is None:
        raise NotFound(f"No run {run_id!r}; see GET /api/runs for yours.", field="model")
    if run.status != RunStatus.succeeded:
        raise Conflict(
            f"Run {run_id} is {run.status}; a run is served once it has succeeded. To chat with it now, name one of "
            "its checkpoints (GET /api/checkpoints?run_id=...).",
            field="model",
        )
    checkpoint = repository.final_checkpoint(session, run_id)
    if checkpoint is None:
        raise Conflict(
            f"Run {run_id} succeeded without saving a checkpoint, so there is nothing to serve.", field="model"
        )
    return _checkpoint_target(checkpoint)


def resolve(session: Session, principal: Principal, model: str, project_id: str | None = None) -> ServingTarget:
    """A catalog name, `ckpt_…`, `run_…` (its final checkpoint), `ft:<base>:<project>:<suffix>:<run id>`, or that
    name with `:ckpt-step-<N>` (the run's checkpoint at step N, as /v1/fine_tuning/jobs/{id}/checkpoints names it).
    Runs and checkpoints must be in a project the principal sees (in `project_id`, when given)."""
    if named := CHECKPOINT_SUFFIX.match(model):
        run_id, step = named["model"].rsplit(":", 1)[-1], int(named["step"])
        at_step = repository.visible_checkpoint_at_step(session, run_id, step, principal, project_id)
        if at_step is None:
            raise NotFound(
                f"No checkpoint at step {step} of run {run_id!r}; GET /v1/fine_tuning/jobs/{run_id}/checkpoints "
                "lists them.",
                field="model",
            )
        return _checkpoint_target(at_step)
    if model.startswith(FINE_TUNED_PREFIX):
        return _run_target(session, principal, model.rsplit(":", 1)[-1], project_id)
    if model.startswith("run_"):
        return _run_target(session, principal, model, project_id)
    if model.startswith("ckpt_"):
        checkpoint = repository.get_visible_checkpoint(session, model, principal, project_id)
        if checkpoint is None:
            raise NotFound(f"No checkpoint {model!r}; see GET /api/checkpoints for yours.", field="model")
        return _checkpoint_target(checkpoint)
    entry = next((m for m in catalog.list_models(session, include_retired=True) if m.name == model), None)
    if entry is None:
        raise NotFound(
            f"Unknown model {model!r}: use a catalog model name, a checkpoint id (ckpt_…), a run id (run_…) or a "
            "fine-tuned model name; GET /api/serving/models lists them.",
            field="model",
        )
    if not catalog.is_available(entry):
        raise Conflict(
            f"Model {model!r} has no weights at {entry.source}; run `make up` to generate them.", field="model"
        )
    catalog.usable(session, entry)  # retired, or its source left the allow-list
    return ServingTarget(entry.name, entry.source, False)


def ensure_served(client: InferenceClient, target: ServingTarget) -> None:
    if target.served_name in client.served_models():
        return
    try:
        if target.is_adapter:
            client.load_lora_adapter(target.served_name, target.path)
        else:
            client.load_base_model(target.served_name, target.path)
    except NotFound as exc:  # a vLLM: it serves only the base it was started with and cannot load another
        raise Conflict(
            f"{client.where} cannot load {target.served_name} ({exc.detail}); it serves "
            f"{', '.join(sorted(client.served_models())) or 'nothing'}. Start it with this model, or unset "
            "TUNEWRIGHT_INFERENCE_URL to use the CPU server.",
            field="model",
        ) from exc


def _forward_body(request: SamplingRequest, target: ServingTarget) -> dict[str, Any]:
    if request.n != 1:
        raise DomainError("n must be 1: the workbench generates one answer per request; send n requests.", field="n")
    return {**request.model_dump(exclude_none=True), "model": target.served_name}


def _renamed_lines(lines: Iterator[str], model: str) -> Iterator[str]:
    """Server-Sent Events with each chunk's `model` set to the caller's name; [DONE] and blank lines pass through."""
    for line in lines:
        if line.startswith("data: {"):
            chunk = json.loads(line[len("data: ") :])
            chunk["model"] = model
            line = "data: " + json.dumps(chunk, separators=(",", ":"))
        yield line + "\n"


def generate(
    session: Session,
    principal: Principal,
    client: InferenceClient,
    path: str,
    request: ChatCompletionRequest | CompletionRequest,
) -> dict[str, Any] | Iterator[str]:
    """The answer as a dict, or (stream: true) an iterator of SSE lines."""
    target = resolve(session, principal, request.model)
    body = _forward_body(request, target)
    ensure_served(client, target)
    if request.stream:
        return _renamed_lines(client.stream(path, body), request.model)
    return {**client.complete(path, body), "model": request.model}


def _has_chat_template(source: str) -> bool:
    # A hub id's template cannot be read without downloading; the server says so if it has none.
    return not Path(source).is_dir() or read_chat_template(source) is not None


def servable_models(session: Session, principal: Principal, project_id: str | None = None) -> list[ServableModel]:
    found = [
        ServableModel(id=m.name, kind="catalog", label=m.name, base_model=m.name, chat=_has_chat_template(m.source))
        for m in catalog.list_models(session)
        if catalog.is_available(m) and catalog.source_allowed(session, m.source)
    ]
    for checkpoint, run in repository.succeeded_checkpoints(session, principal, project_id, MAX_LISTED_CHECKPOINTS):
        label = f"{run.name} · step {checkpoint.step} ({run.model_name})"
        found.append(
            ServableModel(
                id=checkpoint.id,
                kind="checkpoint",
                label=label,
                base_model=run.model_name,
                chat=_has_chat_template(checkpoint.path),
                run_id=run.id,
                step=checkpoint.step,
            )
        )
    return found
