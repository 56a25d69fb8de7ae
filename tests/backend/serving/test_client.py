"""How an inference server's error responses become the project's errors (the CPU server's and vLLM's shapes)."""

from __future__ import annotations

import httpx
import pytest

from backend.core.errors import DomainError, NotFound, ServiceUnavailable
from backend.serving.client import _error_message, raise_error


@pytest.mark.parametrize(
    ("body", "message", "param"),
    [
        (
            {"error": {"message": "n must be 1", "type": "BadRequestError", "param": "n", "code": 400}},
            "n must be 1",
            "n",
        ),
        (
            {"object": "error", "message": "The model `x` does not exist.", "type": "NotFoundError"},
            "The model `x` does not exist.",
            None,
        ),
        ({"detail": "Not Found"}, "Not Found", None),
    ],
)
def test_the_servers_sentence_is_kept(body: dict[str, object], message: str, param: str | None) -> None:
    assert _error_message(httpx.Response(400, json=body)) == (message, param)


def test_a_body_that_is_not_json_is_reported_as_text() -> None:
    assert _error_message(httpx.Response(502, text="Bad Gateway")) == ("Bad Gateway", None)


@pytest.mark.parametrize(
    ("status", "kind", "code"),
    [(404, NotFound, 404), (400, DomainError, 400), (422, DomainError, 422), (500, ServiceUnavailable, 503)],
)
def test_statuses_map_to_project_errors(status: int, kind: type[DomainError], code: int) -> None:
    response = httpx.Response(status, json={"error": {"message": "why", "param": "model"}})
    with pytest.raises(kind) as raised:
        raise_error(response)
    assert raised.value.status_code == code and "why" in raised.value.detail
