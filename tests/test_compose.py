"""docker-compose.yml cannot run here (no Docker engine); keep it consistent with the code instead."""

from __future__ import annotations

import importlib
import re
from typing import Any

import yaml

from backend.core.queue import CPU_QUEUE, GPU_QUEUE
from backend.core.settings import Settings
from tests.support import ROOT


def _compose() -> dict[str, Any]:
    return dict(yaml.safe_load((ROOT / "docker-compose.yml").read_text()))


def _resolve(target: str) -> object:
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr) if attr else importlib.import_module(module)


def test_services_and_health_checks() -> None:
    services = _compose()["services"]
    assert {"postgres", "redis", "migrate", "api", "worker-cpu"} <= set(services)
    assert "--appendonly" in services["redis"]["command"] and "yes" in services["redis"]["command"]
    for name in ("postgres", "redis", "api"):
        assert services[name]["healthcheck"]["test"]
    assert services["api"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    gpu_workers = [s for n, s in services.items() if n.startswith("worker-gpu")]
    assert gpu_workers, "at least one GPU worker"
    for worker in gpu_workers:
        [device] = worker["deploy"]["resources"]["reservations"]["devices"]
        assert device["driver"] == "nvidia" and "gpu" in device["capabilities"]


def test_commands_point_at_real_code_and_queues() -> None:
    services = _compose()["services"]
    create_app = _resolve(services["api"]["command"][1])
    assert callable(create_app)
    assert services["migrate"]["command"][:3] == ["python", "-m", "backend.cli"]
    from backend.cli import main

    assert callable(main) and services["migrate"]["command"][3] in ("setup", "migrate")
    for name, service in services.items():
        if not name.startswith("worker"):
            continue
        command = service["command"]
        app = _resolve(command[command.index("-A") + 1])
        assert type(app).__name__ == "Celery"
        queues = set(command[command.index("-Q") + 1].split(","))
        assert queues <= {GPU_QUEUE, CPU_QUEUE}
    assert GPU_QUEUE in {q for n, s in services.items() if n.startswith("worker-gpu") for q in s["command"]}


def test_environment_names_are_real_settings_and_valid_in_production() -> None:
    services = _compose()["services"]
    fields = {f"TUNEWRIGHT_{name.upper()}" for name in Settings.model_fields}
    env = services["api"]["environment"]
    for key in env:
        if key.startswith("TUNEWRIGHT_"):
            assert key in fields, f"{key} is not a setting"
    values = {
        k.removeprefix("TUNEWRIGHT_").lower(): re.sub(r"\$\{[^}]*:-([^}]*)\}", r"\1", str(v))
        for k, v in env.items()
        if k.startswith("TUNEWRIGHT_")
    }
    settings = Settings(**values)
    assert settings.env == "production" and settings.sqlalchemy_url.startswith("postgresql+psycopg://")


def test_dockerfile_copies_every_package() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    for package in ("backend", "worker", "specs", "migrations"):
        assert f"COPY {package} {package}" in dockerfile


def test_the_api_reaches_the_inference_server_service() -> None:
    services = _compose()["services"]
    command = services["inference"]["command"]
    assert command[:3] == ["python", "-m", "worker.serving"]
    assert callable(_resolve("worker.serving.__main__:main"))
    port = command[command.index("--port") + 1]
    url = services["api"]["environment"]["TUNEWRIGHT_INFERENCE_URL"]
    assert url.endswith(f"http://inference:{port}}}"), url


def test_workers_get_the_tracker_settings_and_unset_ones_mean_off() -> None:
    services = _compose()["services"]
    for name in [n for n in services if n.startswith("worker-")]:
        env = services[name]["environment"]
        for key in (
            "TUNEWRIGHT_MLFLOW_TRACKING_URI",
            "TUNEWRIGHT_WANDB_PROJECT",
            "TUNEWRIGHT_MLFLOW_UI_URL",
            "WANDB_API_KEY",
        ):
            assert key in env, f"{name} lacks {key}"
    env = services["worker-gpu0"]["environment"]
    unset = {
        k.removeprefix("TUNEWRIGHT_").lower(): re.sub(r"\$\{[^}]*:-([^}]*)\}", r"\1", str(v))
        for k, v in env.items()
        if k.startswith(("TUNEWRIGHT_MLFLOW", "TUNEWRIGHT_WANDB"))
    }
    assert unset["mlflow_tracking_uri"] == "" and unset["wandb_entity"] == ""
    settings = Settings(**unset)
    assert settings.mlflow_tracking_uri is None and settings.wandb_project is None and settings.wandb_entity is None
    assert Settings(mlflow_tracking_uri="http://mlflow:5000").mlflow_tracking_uri == "http://mlflow:5000"
