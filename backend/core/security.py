"""Who may call the API. Until accounts and API keys arrive, one admin key (TUNEWRIGHT_ADMIN_API_KEY) guards `/v1`."""

from __future__ import annotations

import hmac

from backend.core.errors import Unauthorized
from backend.core.settings import Settings


def check_bearer(authorization: str | None, settings: Settings) -> None:
    """Accept the request when no admin key is configured (the embedded single-user default) or when it sends
    `Authorization: Bearer <admin key>`; raise Unauthorized otherwise."""
    expected = settings.admin_api_key
    if expected is None:
        return
    scheme, _, key = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise Unauthorized("Send your API key as `Authorization: Bearer <key>` (TUNEWRIGHT_ADMIN_API_KEY).")
    if not hmac.compare_digest(key.strip().encode(), expected.encode()):
        raise Unauthorized("Incorrect API key provided; use the key set in TUNEWRIGHT_ADMIN_API_KEY.")
