from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from backend.core.pagination import Page
from backend.core.principal import Role
from backend.models import User


class UserRead(BaseModel):
    id: str
    email: str
    name: str
    role: Role
    is_service_account: bool
    disabled: bool
    has_password: bool = Field(description="Whether the account can sign in in the browser.")
    created_at: datetime
    last_login_at: datetime | None


class UserList(Page[UserRead]):
    pass


class UserCreate(BaseModel):
    email: str = Field(min_length=3, max_length=320, description="Sign-in name; for a service account any unique id.")
    name: str = Field(min_length=1, max_length=200)
    role: Role = Role.analyst
    is_service_account: bool = Field(default=False, description="Automation: API keys only, no password.")
    password: str | None = Field(
        default=None, max_length=1000, description="Initial password (people only; at least 10 characters)."
    )


class UserUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    role: Role | None = None
    disabled: bool | None = Field(default=None, description="A disabled account cannot sign in or use its keys.")
    password: str | None = Field(default=None, max_length=1000, description="Set a new password (people only).")


def user_read(user: User) -> UserRead:
    return UserRead(
        id=user.id,
        email=user.email,
        name=user.name,
        role=Role(user.role),
        is_service_account=user.is_service_account,
        disabled=user.disabled,
        has_password=user.password_hash is not None,
        created_at=user.created_at,
        last_login_at=user.last_login_at,
    )
