from __future__ import annotations

from tests.tenants import World


def test_the_world_has_every_kind_of_object_in_both_projects(world: World) -> None:
    for side in (world.a, world.b):
        assert all(side.ids()), side
    assert world.a.project_id != world.b.project_id
