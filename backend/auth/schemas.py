from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from backend.core.principal import Role
from backend.users.schemas import UserRead


class LoginRequest(BaseModel):
    email: str = Field(max_length=320)
    password: str = Field(max_length=1000)


class Me(BaseModel):
    user: UserRead
    role: Role
    project_ids: list[str] | None = Field(
        default=None, description="Projects this user may see; null means every project (admins)."
    )
    csrf_token: str | None = Field(
        default=None,
        description="Signed in with a cookie: send this in X-CSRF-Token with every POST/PUT/PATCH/DELETE "
        "(it is also in the readable `tw_csrf` cookie).",
    )


class ApiKeyRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    prefix: str = Field(description="The visible part: keys look like `tw_<prefix>_<secret>`.")
    created_at: datetime
    last_used_at: datetime | None = Field(description="Updated at most once a minute.")
    revoked_at: datetime | None


class ApiKeyList(BaseModel):
    items: list[ApiKeyRead]


class ApiKeyCreate(BaseModel):
    name: str = Field(default="", max_length=200, description="What the key is for, e.g. `nightly CI`.")


class ApiKeyCreated(ApiKeyRead):
    key: str = Field(description="The whole key. Shown this once: only its hash is stored.")
