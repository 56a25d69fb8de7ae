from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.support import create_user_with_key

PASSWORD = "a long enough password"


@pytest.fixture
def person() -> dict[str, str]:
    """A new analyst who can sign in with PASSWORD; a fresh email per test keeps rate-limit counters apart."""
    email = f"person-{uuid.uuid4().hex[:8]}@tunewright.test"
    user_id, key = create_user_with_key("analyst", email=email, password=PASSWORD)
    return {"id": user_id, "email": email, "key": key}


def login(client: Any, email: str, password: str = PASSWORD) -> Any:
    return client.post("/api/auth/login", json={"email": email, "password": password})


def audit_rows(action: str) -> list[Any]:
    from sqlalchemy import select

    from backend.core.db import session_scope
    from backend.models import AuditEvent

    with session_scope() as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)).all()
        session.expunge_all()
        return list(rows)
