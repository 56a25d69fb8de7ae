"""The CPU inference server: OpenAI's /v1/chat/completions and /v1/completions, and vLLM's adapter API.

It speaks the protocol vLLM speaks, so the API talks to either through one client. Errors use vLLM's shape,
`{"error": {"message", "type", "param", "code"}}`.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterable, Iterator
from typing import cast

import torch
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from jinja2 import TemplateError
from pydantic import BaseModel

from specs.inference import (
    AssistantMessage,
    ChatChoice,
    ChatChunkChoice,
    ChatCompletion,
    ChatCompletionChunk,
    ChatCompletionRequest,
    ChatDelta,
    Completion,
    CompletionChoice,
    CompletionRequest,
    FinishReason,
    LoadBaseModel,
    LoadLoraAdapter,
    ModelList,
    SamplingRequest,
    ServedModel,
    UnloadLoraAdapter,
    Usage,
)
from worker.engine.inference import InferenceModel, encode_prompt
from worker.serving.generation import DEFAULT_MAX_TOKENS, Generation, Sampling, generate, render_chat
from worker.serving.registry import BadModelFolder, Registry, UnknownModel

log = logging.getLogger("worker.serving")


def _until_disconnect(events: Iterator[str], result: Generation) -> Iterator[str]:
    """Pass events on; a client that hangs up closes this generator, which stops the generation loop."""
    done = False
    try:
        yield from events
        done = True
    finally:
        if not done:
            log.info("client went away: stopped generating after %d tokens", result.completion_tokens)


class RequestError(Exception):
    def __init__(self, message: str, status: int = 400, param: str | None = None) -> None:
        super().__init__(message)
        self.message, self.status, self.param = message, status, param


def _error(message: str, status: int, param: str | None = None) -> JSONResponse:
    kind = "NotFoundError" if status == 404 else "BadRequestError"
    body = {"error": {"message": message, "type": kind, "param": param, "code": status}}
    return JSONResponse(body, status_code=status)


def _sampling(request: SamplingRequest, loaded: InferenceModel, prompt_tokens: int) -> Sampling:
    if request.n != 1:
        raise RequestError("n must be 1: this server generates one answer per request", param="n")
    context = getattr(loaded.model.config, "max_position_embeddings", None) or 1 << 30
    room = context - prompt_tokens
    if room < 1:
        raise RequestError(
            f"the prompt is {prompt_tokens} tokens; this model reads at most {context}", param="messages"
        )
    wanted = request.max_tokens or DEFAULT_MAX_TOKENS
    stop_ids = frozenset(request.stop_token_ids or ())
    _check_token_ids(loaded, stop_ids, "stop_token_ids")
    return Sampling(
        request.temperature,
        request.top_p,
        min(wanted, room),
        request.stop_sequences,
        request.seed,
        stop_ids,
        request.repetition_penalty,
    )


def _check_token_ids(loaded: InferenceModel, ids: Iterable[int], param: str) -> None:
    vocabulary = int(cast(torch.nn.Embedding, loaded.model.get_input_embeddings()).num_embeddings)
    if unknown := sorted({i for i in ids if i >= vocabulary}):
        raise RequestError(
            f"token id(s) {', '.join(map(str, unknown[:5]))} are outside this model's vocabulary (0-{vocabulary - 1})",
            param=param,
        )


def _completion_prompt(body: CompletionRequest, loaded: InferenceModel) -> list[int]:
    """Token ids are used exactly as sent (vLLM does the same); text is encoded as evaluation encodes it."""
    ids = body.prompt_token_ids
    if ids is None:
        return encode_prompt(loaded.tokenizer, body.prompt_text)
    _check_token_ids(loaded, ids, "prompt")
    return ids


def _sse(payload: BaseModel | str) -> str:
    data = payload if isinstance(payload, str) else payload.model_dump_json(exclude_none=False)
    return f"data: {data}\n\n"


def create_app(registry: Registry) -> FastAPI:
    app = FastAPI(title="Tunewright inference (CPU)")

    @app.exception_handler(RequestError)
    async def _request_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestError)
        return _error(exc.message, exc.status, exc.param)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        first = exc.errors()[0]
        param = ".".join(str(p) for p in first["loc"] if p != "body")
        return _error(f"{param}: {first['msg']}", 400, param)

    def model_for(name: str) -> InferenceModel:
        try:
            return registry.get(name)
        except UnknownModel as exc:
            raise RequestError(str(exc), 404, "model") from exc

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/v1/models")
    def models() -> ModelList:
        served = [ServedModel(id=e.name, root=e.path, parent=e.parent) for e in registry.entries()]
        return ModelList(data=served)

    @app.post("/v1/load_base_model")
    def load_base_model(body: LoadBaseModel) -> ServedModel:
        try:
            entry = registry.register_base(body.model_name, body.model_path)
        except BadModelFolder as exc:
            raise RequestError(str(exc), param="model_path") from exc
        return ServedModel(id=entry.name, root=entry.path)

    @app.post("/v1/load_lora_adapter")
    def load_lora_adapter(body: LoadLoraAdapter) -> ServedModel:
        try:
            entry = registry.register_adapter(body.lora_name, body.lora_path)
        except BadModelFolder as exc:
            raise RequestError(str(exc), param="lora_path") from exc
        return ServedModel(id=entry.name, root=entry.path, parent=entry.parent)

    @app.post("/v1/unload_lora_adapter")
    def unload_lora_adapter(body: UnloadLoraAdapter) -> dict[str, str]:
        try:
            registry.unregister(body.lora_name)
        except UnknownModel as exc:
            raise RequestError(str(exc), 404, "lora_name") from exc
        return {"status": "unloaded", "lora_name": body.lora_name}

    @app.post("/v1/chat/completions", response_model=None)
    def chat_completions(body: ChatCompletionRequest) -> ChatCompletion | StreamingResponse:
        loaded = model_for(body.model)
        messages = [{"role": "system" if m.role == "developer" else m.role, "content": m.text} for m in body.messages]
        try:
            prompt = render_chat(loaded.tokenizer, messages)
        except (TemplateError, ValueError) as exc:
            raise RequestError(f"the model's chat template refused the messages: {exc}", param="messages") from exc
        sampling = _sampling(body, loaded, len(prompt))
        result = Generation(prompt_tokens=len(prompt))
        pieces = generate(loaded, prompt, sampling, result)
        created, completion_id = int(time.time()), f"chatcmpl-{uuid.uuid4().hex}"
        if body.stream:
            events = _chat_stream(pieces, result, body, completion_id, created)
            return StreamingResponse(_until_disconnect(events, result), media_type="text/event-stream")
        text = "".join(pieces)
        return ChatCompletion(
            id=completion_id,
            created=created,
            model=body.model,
            choices=[ChatChoice(message=AssistantMessage(content=text), finish_reason=result.finish_reason)],
            usage=_usage(result),
        )

    @app.post("/v1/completions", response_model=None)
    def completions(body: CompletionRequest) -> Completion | StreamingResponse:
        loaded = model_for(body.model)
        prompt = _completion_prompt(body, loaded)
        sampling = _sampling(body, loaded, len(prompt))
        result = Generation(prompt_tokens=len(prompt))
        pieces = generate(loaded, prompt, sampling, result)
        created, completion_id = int(time.time()), f"cmpl-{uuid.uuid4().hex}"
        if body.stream:
            events = _completion_stream(pieces, result, body, completion_id, created)
            return StreamingResponse(_until_disconnect(events, result), media_type="text/event-stream")
        text = "".join(pieces)
        choice = CompletionChoice(text=text, finish_reason=result.finish_reason)
        return Completion(id=completion_id, created=created, model=body.model, choices=[choice], usage=_usage(result))

    return app


def _usage(result: Generation) -> Usage:
    return Usage(
        prompt_tokens=result.prompt_tokens,
        completion_tokens=result.completion_tokens,
        total_tokens=result.prompt_tokens + result.completion_tokens,
    )


def _chat_stream(
    pieces: Iterator[str], result: Generation, body: ChatCompletionRequest, completion_id: str, created: int
) -> Iterator[str]:
    def chunk(delta: ChatDelta, finish: FinishReason | None = None) -> ChatCompletionChunk:
        choice = ChatChunkChoice(delta=delta, finish_reason=finish)
        return ChatCompletionChunk(id=completion_id, created=created, model=body.model, choices=[choice])

    yield _sse(chunk(ChatDelta(role="assistant", content="")))
    for piece in pieces:
        yield _sse(chunk(ChatDelta(content=piece)))
    yield _sse(chunk(ChatDelta(), result.finish_reason))
    if body.include_usage:
        usage = ChatCompletionChunk(
            id=completion_id, created=created, model=body.model, choices=[], usage=_usage(result)
        )
        yield _sse(usage)
    yield _sse("[DONE]")


def _completion_stream(
    pieces: Iterator[str], result: Generation, body: CompletionRequest, completion_id: str, created: int
) -> Iterator[str]:
    def chunk(text: str, finish: FinishReason | None = None) -> Completion:
        choice = CompletionChoice(text=text, finish_reason=finish)
        return Completion(id=completion_id, created=created, model=body.model, choices=[choice])

    for piece in pieces:
        yield _sse(chunk(piece))
    yield _sse(chunk("", result.finish_reason))
    if body.include_usage:
        yield _sse(Completion(id=completion_id, created=created, model=body.model, choices=[], usage=_usage(result)))
    yield _sse("[DONE]")
