"""Blind side-by-side studies as users see them: create one, rate its pairs, read its results, export its ratings.

Candidates are resolved to what the inference server serves when the study is created (an unknown or unusable
candidate is refused then, naming it), and the prompts are copied, so the answers a worker generates later are
exactly those asked for. Results reuse `backend.evals.aggregate` on the recorded ratings.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict
from itertools import combinations
from typing import Any, cast

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.comparisons import blind, repository
from backend.comparisons.schemas import (
    Choice,
    ComparisonCreate,
    ComparisonResults,
    NextPair,
    PairToRate,
    PairwiseResult,
    RankedCandidate,
    RatingCreate,
)
from backend.core.errors import Conflict, DomainError, InvalidInput, NotFound
from backend.core.ids import new_id
from backend.core.leases import LeasedJobs
from backend.core.principal import Principal, require_write
from backend.core.queue import GENERATE_COMPARISON
from backend.core.storage import LocalStorage
from backend.datasets import service as datasets
from backend.evals import aggregate
from backend.models import Comparison, ComparisonPair, ComparisonRating, User
from backend.projects import service as projects
from backend.serving import service as serving

MAX_PROMPTS = 2000

# Defined here, not in lifecycle.py, so that creating a study can dispatch it (lifecycle imports this module).
JOBS = LeasedJobs(Comparison, GENERATE_COMPARISON, lost_hint="check the worker and inference server logs")


def _targets(
    session: Session, principal: Principal, candidates: Sequence[str], project_id: str
) -> list[dict[str, Any]]:
    if len(set(candidates)) != len(candidates):
        raise InvalidInput("Each candidate may appear only once; remove the repeated name.", field="candidates")
    targets = []
    for position, name in enumerate(candidates):
        try:
            target = serving.resolve(session, principal, name, project_id)
        except DomainError as exc:
            raise InvalidInput(exc.detail, field=f"candidates[{position}]") from None
        targets.append({"served_name": target.served_name, "path": target.path, "is_adapter": target.is_adapter})
    return targets


def _prompts(
    session: Session, principal: Principal, storage: LocalStorage, dataset_id: str, project_id: str | None
) -> tuple[str, list[dict[str, Any]]]:
    """The prompts dataset's project and its prompts."""
    try:
        dataset = datasets.get(session, principal, dataset_id, project_id)
    except NotFound as exc:
        raise InvalidInput(exc.detail, field="dataset_id") from None
    if dataset.format != "prompts":
        raise InvalidInput(
            f"Dataset {dataset_id} ({dataset.name}) holds {dataset.format} records; a side-by-side study needs "
            "open-ended prompts. Upload a prompts dataset (records with `prompt`, optional `reference`).",
            field="dataset_id",
        )
    with storage.open(dataset.storage_key) as f:
        prompts = [json.loads(line) for line in f if line.strip()]
    if len(prompts) > MAX_PROMPTS:
        raise InvalidInput(
            f"Dataset {dataset_id} has {len(prompts)} prompts; a study takes at most {MAX_PROMPTS}. Use a smaller set.",
            field="dataset_id",
        )
    return dataset.project_id, prompts


def create(session: Session, principal: Principal, storage: LocalStorage, body: ComparisonCreate) -> Comparison:
    project, prompts = _prompts(session, principal, storage, body.dataset_id, body.project_id)
    projects.for_write(session, principal, project, "start side-by-side studies")
    targets = _targets(session, principal, body.candidates, project)
    comparison = Comparison(
        id=new_id("cmp"),
        owner_id=principal.user.id,
        project_id=project,
        name=body.name or " vs ".join(body.candidates),
        dataset_id=body.dataset_id,
        candidates=list(body.candidates),
        targets=targets,
        sampling=body.sampling.model_dump(mode="json"),
        prompts=prompts,
        answers={},
        status="queued",
        progress=0.0,
    )
    session.add(comparison)
    session.flush()
    JOBS.dispatch(session, comparison)
    return comparison


def build_pairs(session: Session, comparison: Comparison) -> None:
    """Every prompt × every two candidates, in prompt order, so raters cover whole prompts first."""
    position = 0
    for index in range(len(comparison.prompts)):
        for first, second in combinations(comparison.candidates, 2):
            session.add(
                ComparisonPair(
                    id=new_id("pair"),
                    comparison_id=comparison.id,
                    position=position,
                    prompt_index=index,
                    first=first,
                    second=second,
                )
            )
            position += 1
    session.flush()


def get(session: Session, principal: Principal, comparison_id: str) -> Comparison:
    comparison = repository.get_visible(session, comparison_id, principal)
    if comparison is None:
        raise NotFound(f"No comparison {comparison_id!r}; GET /api/comparisons lists yours.", field="comparison_id")
    return comparison


def list_page(
    session: Session, principal: Principal, limit: int, cursor: str | None = None, project_id: str | None = None
) -> tuple[Sequence[Comparison], str | None]:
    """One page, newest first, and the cursor of the next page (None on the last)."""
    rows = repository.list_visible(session, principal, project_id, cursor, limit + 1)
    return rows[:limit], (rows[limit - 1].id if len(rows) > limit else None)


def pair_count(session: Session, comparison_id: str) -> int:
    return repository.pair_count(session, comparison_id)


def _rater(owner: User, rater: str) -> str:
    return rater.strip() or owner.name


def next_pair(session: Session, principal: Principal, comparison_id: str, rater: str, skip: Sequence[str]) -> NextPair:
    comparison = get(session, principal, comparison_id)
    rater = _rater(principal.user, rater)
    total = repository.pair_count(session, comparison.id)
    rated = repository.rated_count(session, comparison.id, rater)
    pair = repository.next_unrated_pair(session, comparison.id, rater, skip)
    if pair is None:
        return NextPair(pair=None, rated=rated, total=total)
    prompt = comparison.prompts[pair.prompt_index]
    first, second = (
        comparison.answers[pair.first][pair.prompt_index],
        comparison.answers[pair.second][pair.prompt_index],
    )
    a, b = (first, second) if blind.first_shown_as_a(pair.id, rater) else (second, first)
    shown = PairToRate(
        pair_id=pair.id, prompt=prompt["messages"], reference=prompt.get("reference"), answer_a=a, answer_b=b
    )
    return NextPair(pair=shown, rated=rated, total=total)


def rate(session: Session, principal: Principal, comparison_id: str, body: RatingCreate) -> ComparisonRating:
    comparison = get(session, principal, comparison_id)
    require_write(principal, "rate answers")
    rater = _rater(principal.user, body.rater)
    pair = repository.get_pair(session, comparison.id, body.pair_id)
    if pair is None:
        raise NotFound(f"Comparison {comparison.id} has no pair {body.pair_id!r}.", field="pair_id")
    if repository.find_rating(session, pair.id, rater) is not None:
        raise _already_rated(rater, pair.id)
    rating = ComparisonRating(
        id=new_id("rating"),
        comparison_id=comparison.id,
        pair_id=pair.id,
        rater=rater,
        choice=body.choice,
        outcome=blind.outcome_of(body.choice, pair.id, rater),
        comment=body.comment or None,
    )
    try:
        with session.begin_nested():  # two requests of one rater racing past the check above: the second is a 409
            session.add(rating)
    except IntegrityError:
        raise _already_rated(rater, pair.id) from None
    return rating


def _already_rated(rater: str, pair_id: str) -> Conflict:
    return Conflict(
        f"{rater} has already rated pair {pair_id}; each rater rates a pair once. Ask for the next pair.",
        field="pair_id",
    )


def results(session: Session, principal: Principal, comparison_id: str) -> ComparisonResults:
    comparison = get(session, principal, comparison_id)
    rows = repository.ratings_with_pairs(session, comparison.id)
    tallies: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for rating, pair in rows:
        tallies[(pair.first, pair.second)][rating.outcome] += 1
    pairwise = []
    for first, second in combinations(comparison.candidates, 2):
        counts = tallies.get((first, second))
        if not counts:
            continue
        rate_ = aggregate.win_rate(counts["first"], counts["second"], counts["tie"])
        pairwise.append(
            PairwiseResult(
                first=first,
                second=second,
                wins=rate_.wins,
                losses=rate_.losses,
                ties=rate_.ties,
                win_rate=rate_.rate,
                low=rate_.low,
                high=rate_.high,
            )
        )
    ranking: list[RankedCandidate] = []
    note: str | None = None
    outcomes = [
        aggregate.Comparison(pair.first, pair.second, cast(aggregate.Outcome, rating.outcome)) for rating, pair in rows
    ]
    try:
        ranking = [RankedCandidate(**asdict(r)) for r in aggregate.bradley_terry(outcomes)]
    except ValueError as exc:
        note = f"No ranking yet: {exc}."
    return ComparisonResults(
        rated=len(rows),
        pairwise=pairwise,
        ranking=ranking,
        ranking_note=note,
        raters=dict(Counter(rating.rater for rating, _ in rows)),
    )


def export_rows(session: Session, principal: Principal, comparison_id: str) -> list[dict[str, Any]]:
    """Every rating with its prompt, both answers and the candidates' names revealed."""
    comparison = get(session, principal, comparison_id)
    rows = []
    for rating, pair in repository.ratings_with_pairs(session, comparison.id):
        prompt = comparison.prompts[pair.prompt_index]
        winner = {"first": pair.first, "second": pair.second, "tie": "tie"}[rating.outcome]
        rows.append(
            {
                "rating_id": rating.id,
                "pair_id": pair.id,
                "prompt": prompt["messages"][-1]["content"],
                "reference": prompt.get("reference"),
                "first_candidate": pair.first,
                "first_answer": comparison.answers[pair.first][pair.prompt_index],
                "second_candidate": pair.second,
                "second_answer": comparison.answers[pair.second][pair.prompt_index],
                "shown_as_a": blind.shown_as_a(pair, rating.rater),
                "rater": rating.rater,
                "choice": cast(Choice, rating.choice),
                "winner": winner,
                "comment": rating.comment,
                "rated_at": rating.created_at.isoformat(),
            }
        )
    return rows
