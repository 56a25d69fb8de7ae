"""The secrets: session tokens, CSRF tokens derived from them, API keys `tw_<prefix>_<secret>`.

All are high-entropy random values, so a plain sha256 is enough to store them (no slow hash needed)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

KEY_SCHEME = "tw"
_PREFIX_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
PREFIX_LENGTH = 10


def sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_for(session_token: str) -> str:
    """The CSRF token of a session: derived, so it needs no storage and dies with the session."""
    return sha256(f"csrf:{session_token}")


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def new_api_key() -> tuple[str, str, str]:
    """(full key to show once, prefix to store and show, secret hash to store)."""
    prefix = "".join(secrets.choice(_PREFIX_ALPHABET) for _ in range(PREFIX_LENGTH))
    secret = secrets.token_urlsafe(32)
    return f"{KEY_SCHEME}_{prefix}_{secret}", prefix, sha256(secret)


def parse_api_key(key: str) -> tuple[str, str] | None:
    """(prefix, secret) of a well-formed key, else None."""
    scheme, _, rest = key.partition("_")
    prefix, _, secret = rest.partition("_")
    if scheme != KEY_SCHEME or len(prefix) != PREFIX_LENGTH or not secret:
        return None
    return prefix, secret
