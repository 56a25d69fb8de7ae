"""What a worker advertises: simulated inventories, and GPU numbering under CUDA_VISIBLE_DEVICES."""

from __future__ import annotations

import pytest

from backend.core.settings import Settings
from backend.scheduler.inventory import parse_simulated
from worker import inventory


def test_a_simulated_inventory_reads_as_configured_and_busy_while_a_run_holds_it() -> None:
    settings = Settings(simulated_gpus="H100:80, L4:24:20")
    gpus, simulated = inventory.read_gpus(settings)
    assert simulated
    assert [(g.index, g.name, g.memory_total_mb, g.memory_used_mb) for g in gpus] == [
        (0, "H100", 80_000, 0),
        (1, "L4", 24_000, 20_000),
    ]
    inventory.busy_gpus.add(1)
    try:
        assert [g.utilization_pct for g in inventory.read_gpus(settings)[0]] == [0.0, 100.0]
    finally:
        inventory.busy_gpus.clear()


def test_a_malformed_simulated_inventory_says_how_to_write_it() -> None:
    with pytest.raises(ValueError, match="NAME:GB"):
        parse_simulated("H100")


def test_assigned_gpus_map_back_to_the_physical_devices_the_worker_was_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "2,3")
    assert inventory.physical((1,)) == [3]
    monkeypatch.delenv("CUDA_VISIBLE_DEVICES")
    assert inventory.physical((0, 1)) == [0, 1]
