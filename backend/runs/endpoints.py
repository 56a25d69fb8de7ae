from __future__ import annotations

from collections.abc import AsyncIterable
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, status
from fastapi.sse import EventSourceResponse, ServerSentEvent

from backend.core.deps import CurrentPrincipal, SessionDep, SettingsDep, StorageDep
from backend.core.errors import ERROR_RESPONSES
from backend.core.pagination import DEFAULT_LIMIT, MAX_LIMIT
from backend.runs import service
from backend.runs.schemas import RunEventList, RunEventRead, RunList, RunRead, RunStatusName, run_read
from backend.runs.stream import run_events
from specs.training import TrainingSpecCreate

router = APIRouter(prefix="/runs", tags=["runs"], responses=ERROR_RESPONSES)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=RunRead)
def create(
    body: TrainingSpecCreate,
    session: SessionDep,
    principal: CurrentPrincipal,
    storage: StorageDep,
    settings: SettingsDep,
    project_id: Annotated[
        str | None,
        Query(description="The project the run must be in; it is always its training dataset's project."),
    ] = None,
) -> RunRead:
    """Submit a training run. 'auto' settings are resolved now; the resolved spec and its reasons are returned.
    A run that cannot fit in memory is refused here, with suggestions. The run belongs to its dataset's project;
    every dataset it names must be in that project."""
    return run_read(service.create(session, principal, storage, settings, body, project_id))


@router.get("", response_model=RunList)
def list_(
    session: SessionDep,
    principal: CurrentPrincipal,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    status: RunStatusName | None = None,
    project_id: Annotated[str | None, Query(description="Only this project's runs.")] = None,
) -> RunList:
    rows, next_cursor = service.list_page(session, principal, cursor, limit, status, project_id)
    return RunList(items=[run_read(r) for r in rows], next_cursor=next_cursor)


@router.get("/{run_id}", response_model=RunRead)
def get(run_id: str, session: SessionDep, principal: CurrentPrincipal) -> RunRead:
    return run_read(service.get(session, principal, run_id))


@router.post("/{run_id}/cancel", response_model=RunRead)
def cancel(run_id: str, session: SessionDep, principal: CurrentPrincipal) -> RunRead:
    """Cancel a queued run at once, or ask a running one to stop after its current step."""
    return run_read(service.cancel(session, principal, run_id))


@router.post("/{run_id}/pause", response_model=RunRead)
def pause(run_id: str, session: SessionDep, principal: CurrentPrincipal) -> RunRead:
    """Pause a queued run at once, or have a running one write a checkpoint after its current step and stop.
    409 for a run in any other state."""
    return run_read(service.pause(session, principal, run_id))


@router.post("/{run_id}/resume", response_model=RunRead)
def resume(run_id: str, session: SessionDep, principal: CurrentPrincipal) -> RunRead:
    """Queue a paused run again; it continues from its newest checkpoint (a pending pause is withdrawn).
    409 for a run in any other state."""
    return run_read(service.resume(session, principal, run_id))


@router.get("/{run_id}/events", response_model=RunEventList)
def events(
    run_id: str,
    session: SessionDep,
    principal: CurrentPrincipal,
    after: Annotated[int, Query(ge=0, description="Return events with a larger id.")] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> RunEventList:
    """The run's history: metrics, log lines, status changes and checkpoints, oldest first."""
    rows, next_after = service.events_page(session, principal, run_id, after, limit)
    return RunEventList(items=[RunEventRead.model_validate(r) for r in rows], next_after=next_after)


def _visible_run_id(run_id: str, session: SessionDep, principal: CurrentPrincipal) -> str:
    """Check visibility before the stream starts: once events flow, an error can no longer become a 404."""
    return service.get(session, principal, run_id).id


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
