"""Interactive previews on the CPU queue: answer through the reply list the API waits on."""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from typing import Any

import redis
from jinja2 import TemplateError
from transformers import PreTrainedTokenizerBase

from backend.core.queue import PREVIEW_MASK
from backend.core.settings import get_settings
from worker.celery_app import app
from worker.engine.data.chat import mask_preview
from worker.engine.data.templates import resolve_chat_template
from worker.engine.errors import EngineError
from worker.engine.loading import load_tokenizer

REPLY_TTL_SECONDS = 60
log = logging.getLogger(__name__)


@lru_cache(maxsize=8)
def cached_tokenizer(path: str) -> PreTrainedTokenizerBase:
    return load_tokenizer(path)


def render_mask(payload: dict[str, Any]) -> dict[str, Any]:
    tokenizer = cached_tokenizer(payload["model_path"])
    # A run on a base model trains with its family's chat template; preview exactly that.
    template, template_reason = resolve_chat_template(tokenizer, payload.get("family_template"))
    if template == payload.get("family_template"):
        template_reason = f"the model has no chat template; using its family's ({payload['family_template_from']})"
    pieces = mask_preview(
        payload["record"],
        tokenizer,
        chat_template=template,
        default_system_prompt=payload.get("default_system_prompt"),
        loss_on=payload.get("loss_on", "assistant"),
    )
    return {
        "template": template,
        "template_reason": template_reason,
        "tokens": [{"text": text, "trained": trained} for text, trained in pieces],
    }


@app.task(name=PREVIEW_MASK)
def preview_mask(reply_key: str, payload: dict[str, Any]) -> None:
    # Always answer: the API is waiting on the reply list.
    try:
        answer = render_mask(payload)
    except (EngineError, ValueError, TemplateError) as exc:  # the record or template cannot be rendered
        answer = {"error": str(exc), "kind": "data"}
    except Exception as exc:
        log.exception("mask preview failed")
        answer = {"error": f"{type(exc).__name__}: {exc}", "kind": "internal"}
    client = redis.Redis.from_url(get_settings().redis_client_url)
    client.lpush(reply_key, json.dumps(answer))
    client.expire(reply_key, REPLY_TTL_SECONDS)
