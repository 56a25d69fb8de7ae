from __future__ import annotations

from typing import Any

import pytest

from tests.support import SAMPLE_CHAT


@pytest.fixture
def dataset(api: Any) -> dict[str, Any]:
    response = api.post("/api/datasets", files={"file": ("sample_chat.jsonl", SAMPLE_CHAT.read_bytes())})
    assert response.status_code == 201, response.text
    return dict(response.json())
