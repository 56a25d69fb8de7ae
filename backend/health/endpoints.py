from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel

from backend.health import service

router = APIRouter(prefix="/health", tags=["health"])


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    database: bool
    broker: bool
    version: str


@router.get("", response_model=Health)
def get() -> Health:
    """Liveness and readiness: the database and the broker answer."""
    database, broker = service.database_ok(), service.broker_ok()
    return Health(
        status="ok" if database and broker else "degraded", database=database, broker=broker, version=service.VERSION
    )
