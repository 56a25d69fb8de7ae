"""Project rules at the service layer, with real users of every role (tests/tenants.py) as their Principals."""

from __future__ import annotations

import pytest

from backend.core.db import session_scope
from backend.core.errors import Forbidden, InvalidInput, NotFound
from backend.core.ids import new_id
from backend.core.principal import Role
from backend.datasets import service as datasets
from backend.models import DEFAULT_PROJECT_ID, User
from backend.projects import service as projects
from backend.projects.schemas import ProjectCreate
from backend.runs import service as runs
from backend.users import repository as users_repository
from backend.users import service as users
from tests.support import ADMIN_EMAIL
from tests.tenants import World


def test_principals_see_their_memberships_and_admins_see_everything(world: World) -> None:
    with session_scope() as session:
        alice, bob, admin = (world.principal(session, n) for n in ("alice", "bob", "admin"))
        assert alice.project_ids == frozenset({world.a.project_id}) and alice.role == Role.analyst
        assert bob.project_ids == frozenset({world.b.project_id})
        assert admin.project_ids is None
        assert {p.id for p in projects.list_visible(session, alice)} == {world.a.project_id}
        assert {world.a.project_id, world.b.project_id, DEFAULT_PROJECT_ID} <= {
            p.id for p in projects.list_visible(session, admin)
        }
        assert projects.default_project_id(session, alice) == world.a.project_id
        assert projects.default_project_id(session, admin) == DEFAULT_PROJECT_ID, "the admin joined nothing"


def test_another_projects_objects_are_missing_and_lists_leave_them_out(world: World) -> None:
    with session_scope() as session:
        bob = world.principal(session, "bob")
        with pytest.raises(NotFound) as dataset:
            datasets.get(session, bob, world.a.dataset)
        with pytest.raises(NotFound) as nothing:
            datasets.get(session, bob, "ds_doesnotexist")
        assert dataset.value.detail.replace(world.a.dataset, "ds_doesnotexist") == nothing.value.detail
        with pytest.raises(NotFound):
            runs.get(session, bob, world.a.run)
        with pytest.raises(NotFound):
            projects.get(session, bob, world.a.project_id)
        rows, _ = runs.list_page(session, bob, None, 50, None)
        assert [r.id for r in rows] == [world.b.run]
        admin_rows, _ = runs.list_page(session, world.principal(session, "admin"), None, 50, None)
        assert {world.a.run, world.b.run} <= {r.id for r in admin_rows}


def test_viewers_read_but_never_write(world: World) -> None:
    with session_scope() as session:
        victor = world.principal(session, "victor")
        assert datasets.get(session, victor, world.a.dataset).id == world.a.dataset
        with pytest.raises(Forbidden):
            runs.cancel(session, victor, world.a.run)
        with pytest.raises(Forbidden):
            projects.create(session, victor, ProjectCreate(name="Victor's"))
        with pytest.raises(Forbidden):
            projects.add_member(session, victor, world.a.project_id, world.emails["bob"])
        with pytest.raises(NotFound):  # a project he is not in stays missing, even for a write
            projects.add_member(session, victor, world.b.project_id, world.emails["bob"])


def test_analysts_create_projects_and_manage_their_members(world: World) -> None:
    with session_scope() as session:
        bob = world.principal(session, "bob")
        project = projects.create(session, bob, ProjectCreate(name=f"Bob's {new_id('x')}"))
        bob = world.principal(session, "bob")  # as his next request sees him
        assert bob.sees_project(project.id)
        projects.add_member(session, bob, project.id, world.emails["alice"])
        assert world.principal(session, "alice").sees_project(project.id)
        with pytest.raises(NotFound):  # alice's project is not bob's to manage
            projects.add_member(session, bob, world.a.project_id, world.emails["bob"])


def test_a_user_without_a_project_cannot_create_until_added(world: World) -> None:
    with session_scope() as session:
        loner = User(id=new_id("usr"), email=f"{new_id('e')}@example.test", name="Loner")
        session.add(loner)
        session.flush()
        principal = users.principal_with_role(session, loner, Role.analyst)
        assert principal.project_ids == frozenset()
        with pytest.raises(InvalidInput) as refused:
            projects.for_write(session, principal, None, "upload datasets")
        assert "no project" in refused.value.detail


def test_a_narrowed_principal_sees_one_project_and_creates_there(world: World) -> None:
    with session_scope() as session:
        admin = world.principal(session, "admin")
        narrowed = admin.narrowed(world.b.project_id)
        assert projects.default_project_id(session, narrowed) == world.b.project_id
        with pytest.raises(NotFound):
            datasets.get(session, narrowed, world.a.dataset)
        assert datasets.get(session, narrowed, world.b.dataset).project_id == world.b.project_id


def test_fine_tuned_model_names_carry_the_project_slug(world: World) -> None:
    assert world.a.model.split(":")[2] == world.a.slug and world.a.slug != "default"


def test_the_bootstrap_admin_belongs_to_the_default_project(clean_db: None) -> None:
    with session_scope() as session:
        user = users_repository.get_by_email(session, ADMIN_EMAIL)
        assert user is not None
        assert projects.project_ids_of(session, user)[0] == DEFAULT_PROJECT_ID
