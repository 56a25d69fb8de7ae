"""Domain errors and the one handler that renders them as `{"error", "detail", "field"?}`.

Services raise these; endpoints never build error responses by hand. Anything unexpected is logged and
rendered as a 500 without internals; bad input must never reach that path. Under `/v1` (the OpenAI-compatible
API) the same errors are rendered in OpenAI's shape, `{"error": {"message", "type", "param", "code"}}`, with
OpenAI's statuses, so the official SDKs raise their usual exceptions.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)


class Problem(BaseModel):
    """One problem among several: a request field, or a record of an uploaded file."""

    field: str
    message: str
    file: str | None = None
    line: int | None = None


class ErrorBody(BaseModel):
    error: str = Field(description="Machine-readable code, e.g. `InvalidInput`, `NotFound`.")
    detail: str = Field(description="A sentence saying what went wrong and what to change.")
    field: str | None = Field(default=None, description="The request field at fault, when there is one.")
    problems: list[Problem] | None = Field(default=None, description="Every problem found (at most 20 listed).")
    problem_count: int | None = Field(default=None, description="How many problems there were in all.")
    valid_count: int | None = Field(
        default=None, description="For a refused dataset upload: how many of its records were valid."
    )
    quarantinable: bool | None = Field(
        default=None,
        description="For a refused dataset upload: whether on_invalid=quarantine would accept its valid records.",
    )


class DomainError(Exception):
    status_code = 400
    code = "BadRequest"

    def __init__(
        self,
        detail: str,
        *,
        field: str | None = None,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field
        self.extra = extra or {}
        self.headers = headers  # e.g. Retry-After on a 429


class Unauthorized(DomainError):
    status_code = 401
    code = "Unauthorized"


class Forbidden(DomainError):
    """The principal is known but its role does not allow this (never used to hide another project's object:
    that is a NotFound, so its existence is not confirmed)."""

    status_code = 403
    code = "Forbidden"


class TooManyRequests(DomainError):
    status_code = 429
    code = "TooManyRequests"


class NotFound(DomainError):
    status_code = 404
    code = "NotFound"


class Conflict(DomainError):
    status_code = 409
    code = "Conflict"


class InvalidInput(DomainError):
    status_code = 422
    code = "InvalidInput"


class PayloadTooLarge(DomainError):
    status_code = 413
    code = "PayloadTooLarge"


class ServiceUnavailable(DomainError):
    status_code = 503
    code = "ServiceUnavailable"


def _body(code: str, detail: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"error": code, "detail": detail}
    if field is not None:
        body["field"] = field
    body.update(extra)
    return body


OPENAI_PREFIX = "/v1"
# OpenAI answers every invalid request with 400 (FastAPI and our services say 422), and names the kind of
# problem in `code`; `type` is `invalid_request_error` for client errors as in OpenAI's own responses.
_OPENAI_STATUS = {422: 400}
_OPENAI_CODES = {
    401: "invalid_api_key",
    403: "permission_denied",
    429: "rate_limit_exceeded",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
}


def _is_openai(request: Request) -> bool:
    path = request.url.path
    return path == OPENAI_PREFIX or path.startswith(OPENAI_PREFIX + "/")


def _openai_response(
    status: int, message: str, param: str | None = None, code: str | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    status = _OPENAI_STATUS.get(status, status)
    kind = "server_error" if status >= 500 else "invalid_request_error"
    body = {"message": message, "type": kind, "param": param, "code": code or _OPENAI_CODES.get(status)}
    return JSONResponse({"error": body}, status_code=status, headers=headers)


def _snake(code: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", code).lower()


# Pydantic puts the tried member of a union in the location (`learning_rate.float`); users know only fields.
_UNION_MEMBER = re.compile(
    r"^(float|int|str|bool|none|constrained-.*|literal\[.*\]|list\[.*\]|dict\[.*\]|function-.*)$"
)


def field_path(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(p for p in parts if not _UNION_MEMBER.match(p))


async def _domain_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    if _is_openai(request):
        headers = {**({"WWW-Authenticate": "Bearer"} if exc.status_code == 401 else {}), **(exc.headers or {})}
        code = _OPENAI_CODES.get(exc.status_code) or _snake(exc.code)
        return _openai_response(exc.status_code, exc.detail, exc.field, code, headers or None)
    return JSONResponse(
        _body(exc.code, exc.detail, exc.field, **exc.extra), status_code=exc.status_code, headers=exc.headers
    )


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    first = errors[0] if errors else {"loc": (), "msg": "invalid request"}
    field = field_path(first.get("loc", ())) or None
    detail = f"{field}: {first.get('msg')}" if field else str(first.get("msg"))
    if _is_openai(request):
        # A value that fits no member of a union ("auto" or a number) fails once per member: say all at once.
        said = [str(e.get("msg")) for e in errors if (field_path(e.get("loc", ())) or None) == field]
        message = f"{field}: {' or '.join(dict.fromkeys(said))}" if field else detail
        code = "unknown_parameter" if first.get("type") == "extra_forbidden" else "invalid_value"
        return _openai_response(400, message, field, code)
    problems = [{"field": field_path(e.get("loc", ())), "message": e.get("msg")} for e in errors]
    return JSONResponse(
        _body("InvalidInput", detail, field, problems=problems, problem_count=len(problems)), status_code=422
    )


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    codes = {404: "NotFound", 405: "MethodNotAllowed", 413: "PayloadTooLarge"}
    detail = exc.detail if isinstance(exc.detail, str) else "request failed"
    if exc.status_code == 404 and detail == "Not Found":
        detail = "No such endpoint; see /docs for the API."
    if _is_openai(request):
        return _openai_response(exc.status_code, detail)
    return JSONResponse(_body(codes.get(exc.status_code, "HTTPError"), detail), status_code=exc.status_code)


async def _data_error(request: Request, exc: Exception) -> JSONResponse:
    # The database refused a value (a NUL character in text, a number out of its column's range): the request's
    # fault, whatever field it was in.
    log.info("database refused a value: %s", str(exc).splitlines()[0])
    detail = (
        "A value in this request cannot be stored (for example a NUL character in a text, or a number too large); "
        "check the fields you sent."
    )
    if _is_openai(request):
        return _openai_response(400, detail, code="invalid_value")
    return JSONResponse(_body("InvalidInput", detail), status_code=422)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error", exc_info=exc)
    if _is_openai(request):
        return _openai_response(500, "Something went wrong on the server; it has been logged.")
    return JSONResponse(
        _body("InternalError", "Something went wrong on the server; it has been logged."), status_code=500
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(DataError, _data_error)
    app.add_exception_handler(Exception, _unexpected)


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": desc}
    for code, desc in {404: "Not found", 409: "Conflict", 413: "Too large", 422: "Invalid input"}.items()
}
