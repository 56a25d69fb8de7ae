from __future__ import annotations

from collections.abc import AsyncIterable
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, status
from fastapi.sse import EventSourceResponse, ServerSentEvent

from backend.core.deps import CurrentUser, SessionDep, SettingsDep, StorageDep
from backend.core.errors import ERROR_RESPONSES
from backend.core.pagination import DEFAULT_LIMIT, MAX_LIMIT
from backend.runs import service
from backend.runs.schemas import RunEventList, RunEventRead, RunList, RunRead, RunStatusName, run_read
from backend.runs.stream import run_events
from specs.training import TrainingSpecCreate

router = APIRouter(prefix="/runs", tags=["runs"], responses=ERROR_RESPONSES)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=RunRead)
def create(
    body: TrainingSpecCreate, session: SessionDep, user: CurrentUser, storage: StorageDep, settings: SettingsDep
) -> RunRead:
    """Submit a training run. 'auto' settings are resolved now; the resolved spec and its reasons are returned.
    A run that cannot fit in memory is refused here, with suggestions."""
    return run_read(service.create(session, user, storage, settings, body))


@router.get("", response_model=RunList)
def list_(
    session: SessionDep,
    user: CurrentUser,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    status: RunStatusName | None = None,
) -> RunList:
    rows, next_cursor = service.list_page(session, user, cursor, limit, status)
    return RunList(items=[run_read(r) for r in rows], next_cursor=next_cursor)


@router.get("/{run_id}", response_model=RunRead)
def get(run_id: str, session: SessionDep, user: CurrentUser) -> RunRead:
    return run_read(service.get(session, user, run_id))


@router.post("/{run_id}/cancel", response_model=RunRead)
def cancel(run_id: str, session: SessionDep, user: CurrentUser) -> RunRead:
    """Cancel a queued run at once, or ask a running one to stop after its current step."""
    return run_read(service.cancel(session, user, run_id))


@router.post("/{run_id}/pause", response_model=RunRead)
def pause(run_id: str, session: SessionDep, user: CurrentUser) -> RunRead:
    """Pause a queued run at once, or have a running one write a checkpoint after its current step and stop.
    409 for a run in any other state."""
    return run_read(service.pause(session, user, run_id))


@router.post("/{run_id}/resume", response_model=RunRead)
def resume(run_id: str, session: SessionDep, user: CurrentUser) -> RunRead:
    """Queue a paused run again; it continues from its newest checkpoint (a pending pause is withdrawn).
    409 for a run in any other state."""
    return run_read(service.resume(session, user, run_id))


@router.get("/{run_id}/events", response_model=RunEventList)
def events(
    run_id: str,
    session: SessionDep,
    user: CurrentUser,
    after: Annotated[int, Query(ge=0, description="Return events with a larger id.")] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> RunEventList:
    """The run's history: metrics, log lines, status changes and checkpoints, oldest first."""
    rows, next_after = service.events_page(session, user, run_id, after, limit)
    return RunEventList(items=[RunEventRead.model_validate(r) for r in rows], next_after=next_after)


def _visible_run_id(run_id: str, session: SessionDep, user: CurrentUser) -> str:
    """Check ownership before the stream starts: once events flow, an error can no longer become a 404."""
    return service.get(session, user, run_id).id


@router.get("/{run_id}/events/stream", response_class=EventSourceResponse)
async def stream(
    run_id: Annotated[str, Depends(_visible_run_id)],
    after: Annotated[int, Query(ge=0)] = 0,
    last_event_id: Annotated[int | None, Header(ge=0)] = None,
) -> AsyncIterable[ServerSentEvent]:
    """Live events as Server-Sent Events (`event: run_event`, `id` = event id), then `event: end` with the
    final status. Reconnecting with `Last-Event-ID` resumes without gaps."""
    async for item in run_events(run_id, last_event_id if last_event_id is not None else after):
        if isinstance(item, RunEventRead):
            yield ServerSentEvent(data=item.model_dump(mode="json"), event="run_event", id=str(item.id))
        else:
            yield ServerSentEvent(data={"status": item}, event="end")
