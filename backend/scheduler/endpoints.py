"""The admin queue console's API: `/api/admin/queue`, `/api/admin/workers`, `/api/admin/quotas` (admins only)."""

from __future__ import annotations

from fastapi import APIRouter

from backend.core.deps import AdminPrincipal, SessionDep, SettingsDep
from backend.core.errors import ERROR_RESPONSES
from backend.runs.schemas import RunRead, run_read
from backend.scheduler import service
from backend.scheduler.schemas import PriorityUpdate, ProjectQuotaRead, QueueRead, QuotaRead, QuotaUpdate, WorkerRead

router = APIRouter(prefix="/admin", tags=["admin queue"], responses=ERROR_RESPONSES)


@router.get("/queue", response_model=QueueRead)
def queue(session: SessionDep, settings: SettingsDep, _: AdminPrincipal) -> QueueRead:
    """The pool (workers and their GPUs), queued runs in scheduling order with wait reasons and rough start times,
    running runs with progress and ETA, and usage and quotas per user."""
    return service.queue(session, settings)


@router.get("/workers", response_model=list[WorkerRead])
def workers(session: SessionDep, settings: SettingsDep, _: AdminPrincipal) -> list[WorkerRead]:
    return service.workers(session, settings)


@router.post("/workers/{name}/drain", response_model=WorkerRead)
def drain(name: str, session: SessionDep, settings: SettingsDep, admin: AdminPrincipal) -> WorkerRead:
    """The worker takes no new runs; runs assigned to it that have not started move to other workers."""
    return service.set_drained(session, settings, admin, name, True)


@router.post("/workers/{name}/undrain", response_model=WorkerRead)
def undrain(name: str, session: SessionDep, settings: SettingsDep, admin: AdminPrincipal) -> WorkerRead:
    return service.set_drained(session, settings, admin, name, False)


@router.post("/queue/runs/{run_id}/priority", response_model=RunRead)
def set_priority(run_id: str, body: PriorityUpdate, session: SessionDep, principal: AdminPrincipal) -> RunRead:
    return run_read(service.set_priority(session, principal, run_id, body.priority))


@router.post("/queue/runs/{run_id}/move-to-top", response_model=RunRead)
def move_to_top(run_id: str, session: SessionDep, principal: AdminPrincipal) -> RunRead:
    """Priority one above the highest waiting run's."""
    return run_read(service.move_to_top(session, principal, run_id))


@router.post("/queue/runs/{run_id}/preempt", response_model=RunRead)
def preempt(run_id: str, session: SessionDep, principal: AdminPrincipal) -> RunRead:
    """The running run checkpoints after its current step, frees its GPUs and goes back to the queue, resuming from
    that checkpoint when placed again. 409 unless it is running."""
    return run_read(service.preempt(session, principal, run_id))


@router.post("/queue/runs/{run_id}/pause", response_model=RunRead)
def pause(run_id: str, session: SessionDep, principal: AdminPrincipal) -> RunRead:
    return run_read(service.pause(session, principal, run_id))


@router.post("/queue/runs/{run_id}/resume", response_model=RunRead)
def resume(run_id: str, session: SessionDep, principal: AdminPrincipal) -> RunRead:
    return run_read(service.resume(session, principal, run_id))


@router.post("/queue/runs/{run_id}/cancel", response_model=RunRead)
def cancel(run_id: str, session: SessionDep, principal: AdminPrincipal) -> RunRead:
    return run_read(service.cancel(session, principal, run_id))


@router.get("/quotas", response_model=list[QuotaRead])
def quotas(session: SessionDep, settings: SettingsDep, _: AdminPrincipal) -> list[QuotaRead]:
    """Each user's limits on concurrent GPUs and runs (their override, and the limit in force)."""
    return service.quotas(session, settings)


@router.put("/quotas/{user_id}", response_model=QuotaRead)
def set_quota(
    user_id: str, body: QuotaUpdate, session: SessionDep, settings: SettingsDep, admin: AdminPrincipal
) -> QuotaRead:
    return service.set_quota(session, settings, admin, user_id, body.max_gpus, body.max_runs)


@router.get("/project-quotas", response_model=list[ProjectQuotaRead])
def project_quotas(session: SessionDep, settings: SettingsDep, _: AdminPrincipal) -> list[ProjectQuotaRead]:
    """Each project's limits on concurrent GPUs and runs, for all its members' runs together."""
    return service.project_quotas(session, settings)


@router.put("/project-quotas/{project_id}", response_model=ProjectQuotaRead)
def set_project_quota(
    project_id: str, body: QuotaUpdate, session: SessionDep, settings: SettingsDep, admin: AdminPrincipal
) -> ProjectQuotaRead:
    return service.set_project_quota(session, settings, admin, project_id, body.max_gpus, body.max_runs)
