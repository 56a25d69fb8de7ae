"""One typed settings object, read from `TUNEWRIGHT_*` environment variables and validated at start."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TUNEWRIGHT_", extra="ignore")

    env: Literal["development", "production"] = Field(
        default="development", description="`production` refuses embedded defaults that are unsafe to expose."
    )
    data_dir: Path = Field(
        default=Path("./var"), description="Embedded database, Redis socket, artifacts and demo models."
    )
    database_url: str | None = Field(default=None, description="SQLAlchemy URL; default SQLite in the data folder.")
    redis_url: str | None = Field(
        default=None, description="Redis URL for the broker and live events; default the embedded Redis socket."
    )
    host: str = Field(default="127.0.0.1", description="Address the API listens on.")
    max_upload_mb: int = Field(
        default=2048,
        ge=1,
        description="Largest accepted dataset upload, in MiB (streamed to disk, not held in memory).",
    )
    lease_seconds: int = Field(default=60, ge=2, description="A running job's lease; a worker renews it while alive.")
    heartbeat_seconds: float = Field(default=10, gt=0, description="How often a worker renews its lease.")
    reaper_interval_seconds: float = Field(default=15, gt=0, description="How often workers look for expired leases.")
    redispatch_after_seconds: int = Field(
        default=600, ge=1, description="A queued run whose message may have been lost is sent again after this long."
    )
    max_attempts: int = Field(default=3, ge=1, description="Executions a run may start before it is failed as unlucky.")
    small_data_threshold: int = Field(
        default=10_000, ge=1, description="Fewer training records than this: fine-tune a family's chat model with LoRA."
    )
    large_data_threshold: int = Field(
        default=100_000, ge=1, description="At least this many records: the base model, when full fine-tuning fits."
    )
    full_finetune_max_params: float = Field(
        default=7e9, gt=0, description="Largest model 'auto' fine-tunes fully (when memory allows)."
    )
    gpu_count: int = Field(default=0, ge=0, description="GPUs in the pool that runs may ask for (0: train on CPUs).")
    gpu_memory_gb: float = Field(default=80, gt=0, description="Memory of each GPU in the pool, in GB.")
    gpu_type: str = Field(default="H100", description="GPU model of the pool, for time estimates.")
    cpu_processes: int = Field(
        default=1,
        ge=1,
        le=64,
        description=(
            "Data-parallel processes (torchrun, gloo) a worker trains a CPU run with; above 1 it takes the multi-GPU "
            "launch path without GPUs, e.g. to test it."
        ),
    )
    cpu_memory_gb: float | None = Field(
        default=None, gt=0, description="Memory a CPU run may use, in GB; default 80 % of this machine's RAM."
    )
    models_dir: Path | None = Field(
        default=None, description="Where the demo model family lives; default DATA_DIR/models."
    )
    model_roots: list[Path] = Field(
        default_factory=list,
        description="Local folders admins may register models from (seeds the model-source allow-list at first "
        "start; the demo models folder is always seeded). JSON list, e.g. '[\"/srv/models\"]'.",
    )
    hub_allow: list[str] = Field(
        default_factory=list,
        description="Hugging Face hub id patterns admins may register models from (seeds the allow-list at first "
        'start), e.g. \'["Qwen/*", "meta-llama/*"]\'.',
    )
    frontend_dist: Path = Field(
        default=Path(__file__).resolve().parents[2] / "frontend" / "dist", description="Built frontend served at `/`."
    )
    admin_api_key: str | None = Field(
        default=None,
        description="When set, accepted everywhere (`/api` and `/v1`) as the bootstrap admin's API key, sent as "
        "`Authorization: Bearer <this key>` (for automation and CI); unset, only keys created in the app work.",
    )
    admin_email: str | None = Field(
        default=None,
        description="Email of the first admin, created by `make up` (setup) when no account has it yet.",
    )
    admin_password: SecretStr | None = Field(
        default=None,
        description="Password for TUNEWRIGHT_ADMIN_EMAIL, set only when that account has none (never overwrites a "
        "password); unset, setup generates one and prints it once.",
    )
    session_hours: float = Field(
        default=12, gt=0, description="How long a browser sign-in lasts before the user must sign in again."
    )
    login_max_failures: int = Field(
        default=10, ge=1, description="Failed sign-ins per email and client address before further tries get 429."
    )
    login_window_seconds: int = Field(
        default=300, ge=1, description="The window the failed sign-ins are counted in (and the lock-out lasts)."
    )
    inference_url: str | None = Field(
        default=None,
        description="An OpenAI-compatible inference server to use (e.g. a vLLM); default the CPU server `make up` "
        "starts on a unix socket in the data folder.",
    )
    inference_max_loaded: int = Field(
        default=2, ge=1, description="Models the CPU inference server keeps in memory (least recently used go)."
    )
    inference_timeout_seconds: float = Field(
        default=300, gt=0, description="Longest the API waits for the inference server to answer (or send a token)."
    )
    mlflow_tracking_uri: str | None = Field(
        default=None,
        description="When set, every run is also logged to this MLflow tracking server or store (e.g. "
        "`http://mlflow:5000`, `sqlite:///mlflow.db`); needs the `trackers` extra on the workers.",
    )
    mlflow_experiment: str = Field(default="tunewright", description="MLflow experiment the runs are logged under.")
    mlflow_ui_url: str | None = Field(
        default=None,
        description="The MLflow web UI as users' browsers reach it, for the link on a run's page, when it differs "
        "from the tracking URI the workers use (e.g. `https://mlflow.example.com` vs `http://mlflow:5000`).",
    )
    wandb_project: str | None = Field(
        default=None,
        description="When set, every run is also logged to this Weights & Biases project (credentials from "
        "`WANDB_API_KEY`); needs the `trackers` extra on the workers.",
    )
    wandb_entity: str | None = Field(default=None, description="W&B team or user; default the key's own.")
    wandb_mode: Literal["online", "offline"] = Field(
        default="online", description="`offline` writes W&B runs into the run's folder for a later `wandb sync`."
    )
    worker_heartbeat_seconds: float = Field(
        default=5, gt=0, description="How often a worker reports its GPUs, utilisation and memory to the database."
    )
    worker_offline_after_heartbeats: int = Field(
        default=3,
        ge=1,
        description="A worker missing this many heartbeats is offline: it gets no runs and its unstarted ones move.",
    )
    simulated_gpus: str | None = Field(
        default=None,
        description="A worker's pretend GPU inventory, e.g. `H100:80,H100:80` (name:GB, optionally :used GB) for "
        "modelling GPU hosts without GPUs; its runs train on the CPU. Unset: NVML when present, else no GPUs.",
    )
    max_gpus_per_user: int | None = Field(
        default=None, ge=0, description="Default quota: GPUs one user's runs may hold at once (unset: no limit)."
    )
    max_runs_per_user: int | None = Field(
        default=None, ge=0, description="Default quota: runs one user may have assigned or running at once."
    )
    max_gpus_per_project: int | None = Field(
        default=None, ge=0, description="Default quota: GPUs one project's runs may hold at once (unset: no limit)."
    )
    max_runs_per_project: int | None = Field(
        default=None, ge=0, description="Default quota: runs one project may have assigned or running at once."
    )
    auto_preempt_after_seconds: float | None = Field(
        default=None,
        gt=0,
        description="When set, a queued run that has waited this long preempts lower-priority running runs whose "
        "GPUs it would fit in (they checkpoint and return to the queue). Unset: only admins preempt.",
    )
    cors_origins: list[str] = Field(
        default_factory=list,
        description="Other origins allowed to call the API from a browser, with credentials (a JSON list, e.g. "
        '`["https://tools.example.com"]`); the UI served by the API itself needs none.',
    )

    @field_validator("mlflow_tracking_uri", "mlflow_ui_url", "wandb_project", "wandb_entity", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        # docker-compose passes unset variables through as "" (`${VAR:-}`): that means "not configured".
        return None if value == "" else value

    @model_validator(mode="after")
    def _production_needs_real_services(self) -> Settings:
        if self.env == "production" and (self.database_url is None or self.redis_url is None):
            raise ValueError(
                "TUNEWRIGHT_ENV=production needs TUNEWRIGHT_DATABASE_URL and TUNEWRIGHT_REDIS_URL "
                "(the embedded SQLite and Redis are for one machine only)"
            )
        return self

    @property
    def resolved_data_dir(self) -> Path:
        return self.data_dir.resolve()

    @property
    def sqlalchemy_url(self) -> str:
        return self.database_url or f"sqlite:///{self.resolved_data_dir / 'tunewright.db'}"

    @property
    def redis_socket(self) -> Path:
        return self.resolved_data_dir / "redis" / "redis.sock"

    @property
    def broker_url(self) -> str:
        return self.redis_url or f"redis+socket://{self.redis_socket}"

    @property
    def redis_client_url(self) -> str:
        """The same Redis as `broker_url`, spelled for redis-py (pub/sub of live events)."""
        return self.redis_url or f"unix://{self.redis_socket}"

    @property
    def inference_socket(self) -> Path:
        return self.resolved_data_dir / "inference" / "inference.sock"

    @property
    def artifacts_dir(self) -> Path:
        return self.resolved_data_dir / "artifacts"

    @property
    def resolved_models_dir(self) -> Path:
        return (self.models_dir or self.resolved_data_dir / "models").resolve()

    @property
    def cpu_budget_gb(self) -> float:
        if self.cpu_memory_gb is not None:
            return self.cpu_memory_gb
        return round(0.8 * os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9, 1)

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024


@lru_cache
def get_settings() -> Settings:
    return Settings()
