"""A report's claim against the real database: one claim wins, a stale token writes nothing, the reaper queues
again a report whose worker went silent and another worker claims it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import redis
from sqlalchemy import select, update

from backend.core.db import session_scope, utcnow
from backend.core.queue import CPU_QUEUE
from backend.core.settings import get_settings
from backend.core.storage import get_storage
from backend.models import CatalogModel, DatasetReport
from backend.reports import service
from backend.reports.service import ReportJob
from tests.support import SAMPLE_CHAT


@pytest.fixture
def report_id(api: Any) -> str:
    redis.Redis.from_url(get_settings().redis_client_url).delete(CPU_QUEUE)
    dataset = api.post("/api/datasets", files={"file": ("sample_chat.jsonl", SAMPLE_CHAT.read_bytes())}).json()
    response = api.post(f"/api/datasets/{dataset['id']}/reports", json={"model": "tiny-chat"})
    assert response.status_code == 202, response.text
    assert redis.Redis.from_url(get_settings().redis_client_url).llen(CPU_QUEUE) == 1  # enqueued after commit
    return str(response.json()["id"])


def _claim(report_id: str, worker: str = "w1") -> ReportJob | None:
    with session_scope() as session:
        return service.claim(session, get_storage(), report_id, lease_seconds=60, worker=worker)


def _row(report_id: str) -> DatasetReport:
    with session_scope() as session:
        row = session.get(DatasetReport, report_id)
        assert row is not None
        return row


def test_one_claim_wins_and_a_stale_token_writes_nothing(report_id: str) -> None:
    first = _claim(report_id)
    assert first is not None and first.kind == "messages" and first.max_length > 0
    assert _claim(report_id) is None  # a second delivery finds nothing to do
    with session_scope() as session:
        assert service.record_progress(session, first, 0.5)
    stolen = ReportJob(**{**first.__dict__, "token": "not-the-token"})
    with session_scope() as session:
        assert not service.succeeded(session, stolen, {"records": 0})
    assert _row(report_id).status == "running" and _row(report_id).progress == 0.5
    with session_scope() as session:
        assert service.failed(session, first, "boom")
    row = _row(report_id)
    assert row.status == "failed" and row.error == "boom" and row.finished_at is not None


def test_a_silent_workers_report_is_queued_again_and_claimed_by_another(report_id: str) -> None:
    first = _claim(report_id, "silent")
    assert first is not None
    with session_scope() as session:
        assert service.JOBS.reap(session, max_attempts=3, redispatch_after_seconds=3600) == []  # its lease holds
        session.execute(
            update(DatasetReport)
            .where(DatasetReport.id == report_id)
            .values(lease_expires_at=utcnow() - timedelta(seconds=1))
        )
    with session_scope() as session:
        assert service.JOBS.reap(session, max_attempts=3, redispatch_after_seconds=3600) == [report_id]
    assert redis.Redis.from_url(get_settings().redis_client_url).llen(CPU_QUEUE) == 2  # sent again
    second = _claim(report_id, "rescuer")
    assert second is not None and second.token != first.token
    with session_scope() as session:
        assert not service.record_progress(session, first, 0.9)  # the first worker lost it
        assert service.succeeded(session, second, {"records": 400})
    row = _row(report_id)
    assert (row.status, row.attempts, row.worker, row.progress) == ("succeeded", 2, "rescuer", 1.0)
    assert row.lease_token is None and row.lease_expires_at is None


def test_a_report_whose_model_is_gone_fails_with_the_reason(report_id: str) -> None:
    with session_scope() as session:
        model = session.scalars(select(CatalogModel).where(CatalogModel.name == "tiny-chat")).one()
        source, model.source = model.source, "/nonexistent/tiny-chat"  # its weights were deleted meanwhile
    try:
        assert _claim(report_id) is None
    finally:
        with session_scope() as session:
            session.execute(update(CatalogModel).where(CatalogModel.name == "tiny-chat").values(source=source))
    row = _row(report_id)
    assert row.status == "failed" and row.error is not None and "has no weights" in row.error
