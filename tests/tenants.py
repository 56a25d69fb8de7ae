"""Two projects full of real objects and real users of every role: the world authorisation tests run in.

Project A holds alice (analyst) and victor (viewer); project B holds bob (analyst); the admin belongs to neither.
Each project gets a dataset, a prompts dataset, a run that succeeded with one checkpoint, an export, an evaluation,
a data report and a rated-ready comparison, all made through the services (and the worker's lifecycle functions)
the application itself uses. Principals are built from the database the way a request builds them, so once
accounts exist the same users can log in instead.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from backend.auth import service as auth
from backend.checkpoints import service as checkpoints
from backend.comparisons import lifecycle as comparison_lifecycle
from backend.comparisons import service as comparisons
from backend.comparisons.schemas import ComparisonCreate
from backend.core.db import session_scope
from backend.core.ids import new_id
from backend.core.principal import Principal, Role
from backend.core.settings import get_settings
from backend.core.storage import get_storage
from backend.datasets import service as datasets
from backend.evals import service as evals
from backend.evals.schemas import EvaluationCreate
from backend.exports import service as exports
from backend.exports.schemas import ExportCreate
from backend.mixtures import service as mixtures
from backend.mixtures.schemas import MixtureCreate, MixtureSource
from backend.models import ComparisonPair, RunStatus, User
from backend.openai_compat.translate import fine_tuned_model_name
from backend.projects import service as projects
from backend.projects.schemas import ProjectCreate
from backend.reports import service as reports
from backend.reports.schemas import ReportCreate
from backend.runs import lifecycle as run_lifecycle
from backend.runs import service as runs
from backend.scheduler import dispatch
from backend.users import service as users
from backend.versions import service as versions
from specs.training import TrainingSpecCreate

CHATS = [
    {"messages": [{"role": "user", "content": f"What is {i} + 1?"}, {"role": "assistant", "content": str(i + 1)}]}
    for i in range(12)
]
PROMPTS = [{"prompt": "Which city is the capital of Mexico?"}, {"prompt": "Name a colour of the sky."}]
ROLES = {"admin": Role.admin, "alice": Role.analyst, "victor": Role.viewer, "bob": Role.analyst}


@dataclass
class Side:
    """One project and the id of each kind of object in it."""

    project_id: str
    slug: str
    dataset: str = ""
    prompts: str = ""
    run: str = ""
    checkpoint: str = ""
    export: str = ""
    evaluation: str = ""
    report: str = ""
    version: str = ""  # the dataset's version 1
    mixture: str = ""
    comparison: str = ""
    pair: str = ""
    model: str = ""  # the run's fine-tuned model name

    def ids(self) -> list[str]:
        kinds = (
            "dataset",
            "prompts",
            "run",
            "checkpoint",
            "export",
            "evaluation",
            "report",
            "version",
            "mixture",
            "comparison",
        )
        return [getattr(self, k) for k in kinds]


@dataclass
class World:
    users: dict[str, str] = field(default_factory=dict)  # name -> user id
    emails: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # name -> a real API key of theirs
    key_ids: dict[str, str] = field(default_factory=dict)
    a: Side = field(default_factory=lambda: Side("", ""))
    b: Side = field(default_factory=lambda: Side("", ""))

    def principal(self, session: Session, name: str) -> Principal:
        """`name` as a request would see them: their role, and the projects they are a member of."""
        user = session.get(User, self.users[name])
        assert user is not None
        return users.principal_for(session, user)


def _user(session: Session, name: str) -> User:
    email = f"{name}-{new_id('e')[-8:]}@example.test"
    user = User(id=new_id("usr"), email=email, name=name.title(), role=ROLES[name].value)
    session.add(user)
    session.flush()
    return user


def _jsonl(rows: list[dict[str, object]]) -> io.BytesIO:
    return io.BytesIO("".join(json.dumps(r) + "\n" for r in rows).encode())


def _fill(session: Session, principal: Principal, side: Side, checkpoint_root: Path) -> None:
    storage, settings = get_storage(), get_settings()

    def upload(name: str, rows: list[dict[str, object]]) -> str:
        stream = _jsonl(rows)
        dataset = datasets.create_from_upload(
            session, principal, storage, filename=f"{name}.jsonl", stream=stream, name=name, max_bytes=1 << 20
        )
        return dataset.id

    side.dataset = upload(f"chats {side.slug}", list(CHATS))
    side.prompts = upload(f"prompts {side.slug}", list(PROMPTS))
    run = runs.create(
        session, principal, storage, settings, TrainingSpecCreate(dataset_id=side.dataset, model="tiny-chat")
    )
    side.run = run.id
    # What a worker does with the run: validate, claim, write a checkpoint, succeed.
    stats = {"records": 12, "tokens": 100, "trained_tokens": 20, "truncated": 0, "without_trained_tokens": 0}
    assert run_lifecycle.validated(session, run.id, stats)
    session.expire_all()  # the scheduler reads the queued run as a fresh request would
    placed = dispatch.run_pass(session, settings)  # on the live worker "w1" (the training_worker fixture)
    assert [run_id for run_id, *_ in placed.assigned] == [run.id]
    lease = run_lifecycle.claim(session, run.id, "w1", 60)
    assert lease is not None
    folder = checkpoint_root / run.id / "checkpoint-1"
    folder.mkdir(parents=True)
    assert run_lifecycle.record_checkpoint(session, lease, 1, str(folder), {"loss": 1.0})
    assert run_lifecycle.finish(session, lease, RunStatus.succeeded)
    written, _ = checkpoints.list_page(session, principal, run.id, None, 10)
    assert len(written) == 1
    side.checkpoint = written[0].id
    side.model = fine_tuned_model_name("tiny-chat", None, run.id, side.slug)
    side.export = exports.create(session, principal, side.checkpoint, ExportCreate(kind="merged", dtype="fp32")).id
    evaluation = evals.create(
        session, principal, storage, EvaluationCreate(checkpoint_id=side.checkpoint, dataset_ids=[side.dataset])
    )
    side.evaluation = evaluation.id
    side.report = reports.create(session, principal, side.dataset, ReportCreate(model="tiny-chat")).id
    side.version = versions.list_page(session, principal, side.dataset, None, 1)[0][0].id
    mix = MixtureCreate(name="mix", sources=[MixtureSource(dataset_version_id=side.version, ratio=1)])
    side.mixture = mixtures.create(session, principal, mix).id
    comparison = comparisons.create(
        session,
        principal,
        storage,
        ComparisonCreate(dataset_id=side.prompts, candidates=["tiny-chat", side.checkpoint]),
    )
    side.comparison = comparison.id
    claimed = comparison_lifecycle.claim(session, comparison.id, "w1", 60)
    assert claimed is not None
    answers = {c: [f"{c} answers {i}" for i in range(len(PROMPTS))] for c in comparison.candidates}
    assert comparison_lifecycle.succeed(session, comparison.id, claimed[0], answers)
    pair = session.query(ComparisonPair).filter_by(comparison_id=comparison.id).first()
    assert pair is not None
    side.pair = pair.id


def build_world(checkpoint_root: Path) -> World:
    """Users, the two projects and their objects, committed (the API sees them)."""
    world = World()
    with session_scope() as session:
        for name in ROLES:
            user = _user(session, name)
            world.users[name], world.emails[name] = user.id, user.email
            created = auth.create_key(session, world.principal(session, name), user, "world")
            world.keys[name], world.key_ids[name] = created.secret, created.key.id
    with session_scope() as session:
        suffix = new_id("x")[-6:]
        for side_name, creator, extra in (("a", "alice", "victor"), ("b", "bob", None)):
            principal = world.principal(session, creator)
            project = projects.create(session, principal, ProjectCreate(name=f"Project {side_name} {suffix}"))
            if extra is not None:  # as a new request would: the creator is a member now
                projects.add_member(session, world.principal(session, creator), project.id, world.emails[extra])
            setattr(world, side_name, Side(project.id, project.slug))
    for side_name, creator in (("a", "alice"), ("b", "bob")):
        with session_scope() as session:
            _fill(session, world.principal(session, creator), getattr(world, side_name), checkpoint_root)
    return world
