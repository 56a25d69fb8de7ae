from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class ProjectCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200, description="Unique across the workbench.")
    slug: str | None = Field(
        default=None,
        max_length=64,
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="Lower-case letters, digits and dashes; the project part of fine-tuned model names "
        "(`ft:<base>:<slug>:<suffix>:<job>`). Derived from the name when left out.",
    )
    description: str = Field(default="", max_length=2000)


class ProjectUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=2000)


class ProjectRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    slug: str
    description: str
    created_at: datetime
    created_by: str | None


class ProjectList(BaseModel):
    items: list[ProjectRead]


class MemberAdd(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(min_length=3, max_length=320, description="The email of an existing user.")


class MemberRead(BaseModel):
    user_id: str
    email: str
    name: str
    added_at: datetime


class MemberList(BaseModel):
    items: list[MemberRead]
