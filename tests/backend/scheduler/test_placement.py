"""Placement and wait reasons: pure functions over a described pool."""

from __future__ import annotations

from backend.scheduler.placement import Gpu, Load, Need, Node, Quota, fits, place, quota_reason, wait_reason

SMALL = Node("small@a", "host-a", 1, (Gpu(0, "L4", 24_000),))
BIG = Node("big@b", "host-b", 2, (Gpu(0, "H100", 80_000), Gpu(1, "H100", 80_000)))


def test_best_fit_keeps_the_big_gpus_for_the_runs_that_need_them() -> None:
    assert place(Need(1, 10_000), [BIG, SMALL], {}) == ("small@a", [0])
    assert place(Need(1, 40_000), [BIG, SMALL], {}) == ("big@b", [0])
    assert place(Need(2, 10_000), [SMALL, BIG], {}) == ("big@b", [0, 1])
    assert place(Need(0, 0), [BIG, SMALL], {}) == ("small@a", [])


def test_held_gpus_slots_memory_used_elsewhere_and_drain_all_count() -> None:
    assert fits(Need(1, 10_000), BIG, Load({0}, 1)) == [1]
    assert fits(Need(2, 10_000), BIG, Load({0}, 1)) is None
    assert fits(Need(1, 10_000), SMALL, Load(set(), 1)) is None, "its only slot is taken"
    crowded = Node("c@c", "host-c", 1, (Gpu(0, "A10", 24_000, memory_used_mb=20_000),))
    assert fits(Need(1, 10_000), crowded, Load()) is None, "another process uses most of the card"
    drained = Node("d@d", "host-d", 1, BIG.gpus, drained=True)
    assert fits(Need(1, 10_000), drained, Load()) is None


def test_the_wait_reason_names_what_is_missing() -> None:
    assert wait_reason(Need(1, 40_000), [SMALL], {}) == (
        "waiting for 1 GPU with ≥ 40 GB each; no online worker has that many such GPUs, so it waits until one joins"
    )
    busy = {"big@b": Load({0, 1}, 2)}
    assert wait_reason(Need(2, 40_000), [SMALL, BIG], busy) == (
        "waiting for 2 GPUs with ≥ 40 GB each; the largest free is 1 × 24 GB on host-a"
    )
    assert wait_reason(Need(2, 40_000), [BIG], busy) == (
        "waiting for 2 GPUs with ≥ 40 GB each; every GPU that could take it is busy"
    )
    one_left = {"big@b": Load({1}, 1)}
    assert wait_reason(Need(2, 40_000), [SMALL, BIG], one_left) == (
        "waiting for 2 GPUs with ≥ 40 GB each; the largest free is 1 × 80 GB on host-b"
    )
    assert wait_reason(Need(1, 1_000), [], {}).startswith("waiting for a worker: none")
    assert wait_reason(Need(0, 0), [Node("d@d", "h", 1, (), drained=True)], {}).startswith("drained")
    assert wait_reason(Need(0, 0), [SMALL], {"small@a": Load(set(), 1)}).startswith("waiting for a free worker slot")


def test_quota_reasons() -> None:
    assert quota_reason(Need(2, 0), 3, 1, Quota(4, None)) == (
        "quota: user has 3 of 4 concurrent GPUs (this run needs 2)"
    )
    assert quota_reason(Need(1, 0), 0, 2, Quota(None, 2)) == "quota: user has 2 of 2 concurrent runs"
    assert quota_reason(Need(0, 0), 4, 0, Quota(4, None)) is None, "a CPU run holds no GPU"
    assert quota_reason(Need(1, 0), 3, 1, Quota(4, 2)) is None
