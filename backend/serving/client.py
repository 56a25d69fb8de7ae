"""One client for any OpenAI-compatible inference server: the CPU server `make up` starts, or a vLLM.

Both speak /v1/models, /v1/chat/completions, /v1/completions and vLLM's /v1/load_lora_adapter; the CPU server
adds /v1/load_base_model (vLLM serves the one base it was started with). The server's errors become the
project's errors, with the server's own sentence.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, NoReturn

import httpx

from backend.core.errors import DomainError, NotFound, ServiceUnavailable
from backend.core.settings import Settings, get_settings


class InferenceClient:
    def __init__(self, settings: Settings) -> None:
        timeout = httpx.Timeout(settings.inference_timeout_seconds, connect=5)
        if settings.inference_url:
            self.where = settings.inference_url
            self._http = httpx.Client(base_url=settings.inference_url.rstrip("/"), timeout=timeout)
        else:
            self.where = f"the CPU inference server (socket {settings.inference_socket})"
            transport = httpx.HTTPTransport(uds=str(settings.inference_socket))
            self._http = httpx.Client(transport=transport, base_url="http://inference", timeout=timeout)

    def served_models(self) -> set[str]:
        data = self._call("GET", "/v1/models").json()
        return {str(m["id"]) for m in data.get("data", [])}

    def load_base_model(self, name: str, path: str) -> None:
        self._call("POST", "/v1/load_base_model", {"model_name": name, "model_path": path})

    def load_lora_adapter(self, name: str, path: str) -> None:
        self._call("POST", "/v1/load_lora_adapter", {"lora_name": name, "lora_path": path})

    def complete(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        return dict(self._call("POST", path, body).json())

    def stream(self, path: str, body: dict[str, Any]) -> Iterator[str]:
        """Open the stream now (so errors surface before any byte is sent), then yield its lines as they come."""
        response = self._send("POST", path, body, stream=True)
        if response.is_error:
            response.read()
            response.close()
            raise_error(response)

        def lines() -> Iterator[str]:
            try:
                yield from response.iter_lines()
            finally:
                response.close()  # the caller stopped reading (a client hung up): stop generating

        return lines()

    def _send(self, method: str, path: str, body: dict[str, Any] | None, stream: bool = False) -> httpx.Response:
        try:
            request = self._http.build_request(method, path, json=body)
            return self._http.send(request, stream=stream)
        except httpx.TransportError as exc:
            raise ServiceUnavailable(
                f"Cannot reach {self.where}: {exc}. `make up` starts the CPU inference server; "
                "or set TUNEWRIGHT_INFERENCE_URL to a running vLLM."
            ) from exc

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> httpx.Response:
        response = self._send(method, path, body)
        if response.is_error:
            raise_error(response)
        return response


def raise_error(response: httpx.Response) -> NoReturn:
    """The server's error as the project's: 404 stays 404, other 4xx keep their status, 5xx is 503."""
    message, param = _error_message(response)
    if response.status_code == 404:
        raise NotFound(message, field=param)
    if response.status_code >= 500:
        raise ServiceUnavailable(f"The inference server failed: {message}")
    error = DomainError(message, field=param)
    error.status_code = response.status_code
    raise error


def _error_message(response: httpx.Response) -> tuple[str, str | None]:
    """vLLM and OpenAI put errors in {"error": {"message", "param"}}; older vLLM at the top level."""
    try:
        body = response.json()
    except json.JSONDecodeError:
        return response.text or f"HTTP {response.status_code}", None
    inner = body.get("error") if isinstance(body, dict) else None
    source = inner if isinstance(inner, dict) else body if isinstance(body, dict) else {}
    message = source.get("message") or source.get("detail") or response.text
    param = source.get("param")
    return str(message), str(param) if param else None


@lru_cache
def get_inference_client() -> InferenceClient:
    return InferenceClient(get_settings())
