"""Validate a submitted run on the CPU queue: every record must render with the model's chat template.

A run whose data the template cannot render fails here, with every bad record listed, before it takes a GPU.
"""

from __future__ import annotations

import logging
from pathlib import Path

from backend.core.db import session_scope
from backend.core.queue import VALIDATE_RUN
from backend.runs import lifecycle
from specs.training import PREFERENCE_STAGES, ResolvedTrainingSpec
from worker.celery_app import app
from worker.engine.data.record_check import (
    RecordReport,
    check_preference_records,
    check_records,
    check_text_records,
)
from worker.engine.data.templates import resolve_chat_template
from worker.engine.errors import EngineError
from worker.tasks.preview import cached_tokenizer

log = logging.getLogger(__name__)


def _check(spec: ResolvedTrainingSpec, path: str) -> RecordReport:
    tokenizer = cached_tokenizer(spec.model.path)
    if spec.stage == "cpt":
        return check_text_records(Path(path), tokenizer)
    template, _ = resolve_chat_template(tokenizer, spec.model.chat_template)
    if spec.stage in PREFERENCE_STAGES:
        return check_preference_records(
            Path(path),
            tokenizer,
            kto=spec.stage == "kto",
            chat_template=template,
            default_system_prompt=spec.model.default_system_prompt,
            max_seq_length=spec.hyperparameters.max_seq_length,
        )
    return check_records(
        Path(path),
        tokenizer,
        chat_template=template,
        default_system_prompt=spec.model.default_system_prompt,
        loss_on=spec.loss_on,
        max_seq_length=spec.hyperparameters.max_seq_length,
    )


@app.task(name=VALIDATE_RUN)
def validate_run(run_id: str) -> str:
    with session_scope() as session:
        spec_data = lifecycle.spec_to_validate(session, run_id)
    if spec_data is None:
        return "not-validating"
    spec = ResolvedTrainingSpec.model_validate(spec_data)
    try:
        report = _check(spec, spec.dataset_path)
        if spec.eval_dataset_path is not None:
            eval_report = _check(spec, spec.eval_dataset_path)
            if eval_report.problem_count:
                first = eval_report.problems[0]
                raise ValueError(
                    f"{eval_report.problem_count} records of the eval dataset cannot be used "
                    f"(first: record #{first[0] + 1} (index {first[0]}): {first[1]})"
                )
    except (EngineError, ValueError, OSError) as exc:
        with session_scope() as session:
            lifecycle.validation_failed(session, run_id, f"the data or model cannot be used: {exc}", [])
        return "failed"
    with session_scope() as session:
        if report.problem_count:
            what = (
                "used for continued pretraining"
                if spec.stage == "cpt"
                else f"rendered with {spec.model.name}'s chat template"
            )
            summary = (
                f"{report.problem_count} of {max(report.records, report.problem_count)} records cannot be {what}; "
                f"fix or remove them (first: record #{report.problems[0][0] + 1} (index {report.problems[0][0]}): "
                f"{report.problems[0][1]})"
            )
            lifecycle.validation_failed(session, run_id, summary, report.problems)
            return "failed"
        if report.without_trained_tokens == report.records:
            lifecycle.validation_failed(
                session,
                run_id,
                f"no record keeps a trained token within max_seq_length={spec.hyperparameters.max_seq_length}; "
                "raise max_seq_length or check that the records contain assistant answers"
                + (" (preference stages need every answer of a record)" if spec.stage in PREFERENCE_STAGES else ""),
                [],
            )
            return "failed"
        stats = {
            "records": report.records,
            "tokens": report.tokens,
            "trained_tokens": report.trained_tokens,
            "truncated": report.truncated,
            "without_trained_tokens": report.without_trained_tokens,
        }
        lifecycle.validated(session, run_id, stats)
    return "queued"
