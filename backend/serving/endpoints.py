"""OpenAI's /v1/chat/completions and /v1/completions on any catalog model, checkpoint, run or fine-tuned model,
and the list of what can be served for the playground."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from backend.core.deps import ApiKeyRequired, CurrentPrincipal, OpenAIPrincipal, SessionDep
from backend.core.errors import ERROR_RESPONSES
from backend.serving import service
from backend.serving.client import InferenceClient, get_inference_client
from backend.serving.schemas import ServableModelList
from specs.inference import ChatCompletion, ChatCompletionRequest, Completion, CompletionRequest

InferenceDep = Annotated[InferenceClient, Depends(get_inference_client)]

# /v1 is for automation and takes the API key like the rest of /v1; the web UI (the playground) chats through
# /api/serving, which is guarded like every other /api route.
router = APIRouter(prefix="/v1", tags=["inference"], responses=ERROR_RESPONSES, dependencies=[ApiKeyRequired])
api_router = APIRouter(prefix="/serving", tags=["serving"], responses=ERROR_RESPONSES)

# With `stream: true` the answer is Server-Sent Events: `data: {chunk}` lines, then `data: [DONE]`.
_STREAM = {"text/event-stream": {"schema": {"type": "string"}}}


def _respond(answer: dict[str, Any] | Iterator[str]) -> dict[str, Any] | StreamingResponse:
    if isinstance(answer, dict):
        return answer
    # No proxy buffering: tokens must reach the browser as they are produced.
    return StreamingResponse(answer, media_type="text/event-stream", headers={"X-Accel-Buffering": "no"})


@router.post("/chat/completions", response_model=ChatCompletion, responses={200: {"content": _STREAM}})
def chat_completions(
    body: ChatCompletionRequest, session: SessionDep, principal: OpenAIPrincipal, client: InferenceDep
) -> dict[str, Any] | StreamingResponse:
    """Answer a conversation with the model's own chat template (OpenAI's chat completions)."""
    return _respond(service.generate(session, principal, client, "/v1/chat/completions", body))


@router.post("/completions", response_model=Completion, responses={200: {"content": _STREAM}})
def completions(
    body: CompletionRequest, session: SessionDep, principal: OpenAIPrincipal, client: InferenceDep
) -> dict[str, Any] | StreamingResponse:
    """Continue a plain text prompt (OpenAI's legacy completions)."""
    return _respond(service.generate(session, principal, client, "/v1/completions", body))


@api_router.post("/chat/completions", response_model=ChatCompletion, responses={200: {"content": _STREAM}})
def playground_chat_completions(
    body: ChatCompletionRequest, session: SessionDep, principal: CurrentPrincipal, client: InferenceDep
) -> dict[str, Any] | StreamingResponse:
    """The same chat completions for the web UI's playground."""
    return _respond(service.generate(session, principal, client, "/v1/chat/completions", body))


@api_router.get("/models", response_model=ServableModelList)
def servable_models(
    session: SessionDep,
    principal: CurrentPrincipal,
    project_id: Annotated[str | None, Query(description="Only this project's checkpoints.")] = None,
) -> ServableModelList:
    """Catalog models and the checkpoints of your projects' succeeded runs, newest first: the `model` ids to chat
    with."""
    return ServableModelList(items=service.servable_models(session, principal, project_id))
