from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

import redis
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from backend.core.db import get_engine
from backend.core.settings import get_settings

try:
    VERSION = version("tunewright")
except PackageNotFoundError:
    VERSION = "dev"


def database_ok() -> bool:
    try:
        with get_engine().connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except SQLAlchemyError:
        return False


def broker_ok() -> bool:
    try:
        return bool(redis.Redis.from_url(get_settings().redis_client_url, socket_timeout=2).ping())
    except (redis.RedisError, OSError):
        return False
