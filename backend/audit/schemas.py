from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from backend.core.pagination import Page


class AuditEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    at: datetime
    actor_id: str | None = Field(description="The acting user's id; null when nobody was signed in.")
    actor_email: str | None = Field(description="The acting user's email, or the email a failed sign-in tried.")
    action: str = Field(description="`<domain>.<verb>`, e.g. `auth.login`, `auth.login_failed`, `user.role_changed`.")
    target_type: str | None
    target_id: str | None
    detail: dict[str, Any]
    ip: str | None


class AuditEventList(Page[AuditEventRead]):
    pass
