"""Evaluations as users see them: on demand or automatic per checkpoint, listed, read, and the recommended checkpoint.

An evaluation's job (model path, reference model, eval sets as files) is fixed when it is created, so what a worker
scores cannot drift from what was asked. The recommended checkpoint of a run is the best by the run's declared
metric among its checkpoints evaluated on exactly the run's eval sets (equal scores: the earlier step).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy.orm import Session

from backend.catalog import service as catalog
from backend.core.db import utcnow
from backend.core.errors import InvalidInput, NotFound
from backend.core.ids import new_id
from backend.core.principal import Principal, Role
from backend.core.queue import EVALUATE, enqueue
from backend.core.storage import LocalStorage
from backend.datasets import service as datasets
from backend.evals import repository
from backend.evals.schemas import EvaluationCreate
from backend.models import Checkpoint, Evaluation, Run, User
from backend.projects import service as projects
from specs.evaluation import (
    HIGHER_IS_BETTER,
    METRICS_OF_KIND,
    EvalKind,
    EvalSetSpec,
    EvaluationJob,
    GenerationBackend,
    PromptStyle,
    SetRole,
)
from specs.training import EvaluationPlan

SCORED_KINDS = ("multiple_choice", "messages", "text")
DEFAULT_MAX_SEQ_LENGTH = 1024


def _eval_sets(
    session: Session,
    principal: Principal,
    storage: LocalStorage,
    ids: Sequence[str],
    role: SetRole,
    field: str,
    project_id: str,
) -> list[EvalSetSpec]:
    sets: list[EvalSetSpec] = []
    for position, dataset_id in enumerate(ids):
        where = f"{field}[{position}]"
        try:
            dataset = datasets.get(session, principal, dataset_id, project_id)
        except NotFound as exc:
            raise InvalidInput(exc.detail, field=where) from None
        if dataset.format not in SCORED_KINDS:
            why = (
                "open-ended prompts are rated by people, not scored automatically"
                if dataset.format == "prompts"
                else f"{dataset.format} records cannot be scored"
            )
            raise InvalidInput(
                f"Dataset {dataset_id} ({dataset.name}) holds {dataset.format} records: {why}. Choose a "
                "multiple_choice, messages or text dataset.",
                field=where,
            )
        path = str(storage.local_path(dataset.storage_key))
        kind = cast(EvalKind, dataset.format)
        sets.append(EvalSetSpec(dataset_id=dataset.id, name=dataset.name, kind=kind, path=path, role=role))
    return sets


def _produced(sets: Sequence[EvalSetSpec], with_reference: bool, generate_answers: bool) -> set[str]:
    metrics = {m for s in sets if s.role == "domain" for m in METRICS_OF_KIND[s.kind]}
    if generate_answers and "mc_accuracy" in metrics:
        metrics.add("mc_generate_accuracy")
    if with_reference:
        metrics |= {f"general_{m}_delta" for s in sets if s.role == "general" for m in METRICS_OF_KIND[s.kind]}
    return metrics


def resolve_plan(
    session: Session, principal: Principal, storage: LocalStorage, plan: EvaluationPlan, project_id: str
) -> dict[str, Any]:
    """A run's evaluation plan with every set checked (in the run's project) and 'auto' resolved; raises
    InvalidInput naming the field."""
    general = plan.general_dataset_ids
    sets = _eval_sets(session, principal, storage, plan.dataset_ids, "domain", "evaluation.dataset_ids", project_id)
    sets += _eval_sets(session, principal, storage, general, "general", "evaluation.general_dataset_ids", project_id)
    produced = _produced(sets, with_reference=True, generate_answers=plan.generate_answers)
    best = plan.best_metric
    if best == "auto":
        best = "mc_accuracy" if "mc_accuracy" in produced else "eval_loss"
    if best not in produced:
        raise InvalidInput(
            f"best_metric {best} is not measured by these eval sets; they give {', '.join(sorted(produced))}. "
            "Choose one of those, or add a set that measures it.",
            field="evaluation.best_metric",
        )
    resolved = plan.model_dump(mode="json")
    resolved["best_metric"] = best
    return resolved


def describe_plan(plan: dict[str, Any]) -> str:
    goal = "highest" if HIGHER_IS_BETTER[plan["best_metric"]] else "lowest"
    general = f" and {len(plan['general_dataset_ids'])} general set(s)" if plan["general_dataset_ids"] else ""
    return (
        f"evaluation: every checkpoint is scored on {len(plan['dataset_ids'])} eval set(s){general}; the checkpoint "
        f"with the {goal} {plan['best_metric']} is recommended."
    )


def _new(
    session: Session,
    owner_id: str,
    project_id: str,
    job: EvaluationJob,
    trigger: str,
    *,
    run_id: str | None = None,
    checkpoint_id: str | None = None,
    model_name: str | None = None,
) -> Evaluation:
    evaluation = Evaluation(
        id=new_id("eval"),
        owner_id=owner_id,
        project_id=project_id,
        run_id=run_id,
        checkpoint_id=checkpoint_id,
        model_name=model_name,
        trigger=trigger,
        dataset_ids=[s.dataset_id for s in job.sets if s.role == "domain"],
        general_dataset_ids=[s.dataset_id for s in job.sets if s.role == "general"],
        job=job.model_dump(mode="json"),
        status="queued",
        dispatched_at=utcnow(),
        attempts=0,
        progress=0.0,
        metrics={},
        results=[],
    )
    session.add(evaluation)
    session.flush()
    enqueue(session, EVALUATE, evaluation.id)
    return evaluation


def _checkpoint_job(
    run: Run,
    checkpoint: Checkpoint,
    sets: list[EvalSetSpec],
    style: PromptStyle,
    generate_answers: bool,
    generation_backend: GenerationBackend = "auto",
) -> EvaluationJob:
    model = run.resolved_spec["model"]
    return EvaluationJob(
        model_path=checkpoint.path,
        reference_path=model["path"],
        # The names the API's /v1 endpoints serve them under, so the worker and a chat share one loaded model.
        model_served_name=checkpoint.id,
        reference_served_name=model["name"],
        sets=sets,
        prompt_style=style,
        generate_answers=generate_answers,
        generation_backend=generation_backend,
        default_system_prompt=model.get("default_system_prompt"),
        max_seq_length=run.resolved_spec["hyperparameters"]["max_seq_length"],
    )


def evaluate_checkpoint_automatically(
    session: Session, storage: LocalStorage, run: Run, checkpoint: Checkpoint
) -> Evaluation | None:
    """Queue the run's declared evaluation of a new checkpoint; once per checkpoint (a resumed run re-saves steps)."""
    plan = run.evaluation_plan
    if not plan or repository.automatic_for_checkpoint(session, checkpoint.id) is not None:
        return None
    owner = session.get(User, run.owner_id)
    assert owner is not None, "a run has an owner"
    # The worker acts for the run's project alone: its eval sets were checked to be there when it was submitted.
    scope = Principal(user=owner, role=Role.analyst, project_ids=frozenset({run.project_id}))
    project = run.project_id
    sets = _eval_sets(session, scope, storage, plan["dataset_ids"], "domain", "dataset_ids", project)
    sets += _eval_sets(session, scope, storage, plan["general_dataset_ids"], "general", "general_dataset_ids", project)
    job = _checkpoint_job(run, checkpoint, sets, plan["prompt_style"], plan.get("generate_answers", False))
    return _new(session, run.owner_id, project, job, "automatic", run_id=run.id, checkpoint_id=checkpoint.id)


def create(session: Session, principal: Principal, storage: LocalStorage, body: EvaluationCreate) -> Evaluation:
    """A checkpoint's evaluation belongs to its run's project, a catalog model's to the project asked for (or the
    principal's default); every eval set must be in that project."""
    found = None
    if body.checkpoint_id is not None:
        found = repository.get_checkpoint_visible(session, body.checkpoint_id, principal, body.project_id)
        if found is None:
            raise InvalidInput(f"No checkpoint {body.checkpoint_id!r}.", field="checkpoint_id")
    project = projects.for_write(
        session, principal, found[1].project_id if found else body.project_id, "start evaluations"
    )
    sets = _eval_sets(session, principal, storage, body.dataset_ids, "domain", "dataset_ids", project)
    general = body.general_dataset_ids
    sets += _eval_sets(session, principal, storage, general, "general", "general_dataset_ids", project)
    owner_id = principal.user.id
    if found is not None:
        checkpoint, run = found
        job = _checkpoint_job(run, checkpoint, sets, body.prompt_style, body.generate_answers, body.generation_backend)
        return _new(session, owner_id, project, job, "on_demand", run_id=run.id, checkpoint_id=checkpoint.id)
    assert body.model is not None
    models = catalog.candidates(session, body.model)
    if len(models) != 1 or models[0].name != body.model:
        names = ", ".join(m.name for m in models)
        raise InvalidInput(f"{body.model!r} is a model family; name one of its models: {names}.", field="model")
    model = models[0]
    job = EvaluationJob(
        model_path=model.source,
        model_served_name=model.name,
        sets=sets,
        prompt_style=body.prompt_style,
        generate_answers=body.generate_answers,
        generation_backend=body.generation_backend,
        default_system_prompt=model.default_system_prompt,
        max_seq_length=min(model.context_length or DEFAULT_MAX_SEQ_LENGTH, DEFAULT_MAX_SEQ_LENGTH),
    )
    return _new(session, owner_id, project, job, "on_demand", model_name=model.name)


def get(session: Session, principal: Principal, evaluation_id: str) -> Evaluation:
    evaluation = repository.get_visible(session, evaluation_id, principal)
    if evaluation is None:
        raise NotFound(f"No evaluation {evaluation_id!r}.", field="evaluation_id")
    return evaluation


def list_page(
    session: Session,
    principal: Principal,
    *,
    run_id: str | None,
    checkpoint_id: str | None,
    status: str | None,
    cursor: str | None,
    limit: int,
    project_id: str | None = None,
) -> tuple[Sequence[Evaluation], str | None]:
    rows = repository.list_visible(
        session,
        principal,
        project_id=project_id,
        run_id=run_id,
        checkpoint_id=checkpoint_id,
        status=status,
        cursor=cursor,
        limit=limit + 1,
    )
    return rows[:limit], (rows[limit - 1].id if len(rows) > limit else None)


def read_items(
    session: Session, principal: Principal, storage: LocalStorage, evaluation_id: str
) -> list[dict[str, Any]]:
    evaluation = get(session, principal, evaluation_id)
    if evaluation.items_key is None:
        return []
    with storage.open(evaluation.items_key) as f:
        return [json.loads(line) for line in f]


def recommend(session: Session, run_id: str) -> str | None:
    """Mark the run's best checkpoint by its declared metric; returns it (None without a plan or a score yet)."""
    run = repository.get_run(session, run_id)
    if run is None or not run.evaluation_plan:
        return None
    plan = run.evaluation_plan
    metric, higher = plan["best_metric"], HIGHER_IS_BETTER[plan["best_metric"]]
    best: tuple[float, str] | None = None
    for evaluation, checkpoint in repository.succeeded_for_run(session, run_id):
        same_sets = (evaluation.dataset_ids, evaluation.general_dataset_ids) == (
            plan["dataset_ids"],
            plan["general_dataset_ids"],
        )
        value = evaluation.metrics.get(metric)
        if not same_sets or value is None:
            continue
        if best is None or (value > best[0] if higher else value < best[0]):
            best = (value, checkpoint.id)
    chosen = best[1] if best else None
    repository.set_recommended(session, run_id, chosen)
    return chosen
