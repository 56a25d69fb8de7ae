from __future__ import annotations

from fastapi import APIRouter

from backend.catalog import service
from backend.catalog.schemas import ModelList, ModelRead
from backend.core.deps import SessionDep

router = APIRouter(prefix="/models", tags=["models"])


@router.get("", response_model=ModelList)
def list_(session: SessionDep) -> ModelList:
    """The model catalog: every family's base and chat variants."""
    return ModelList(
        items=[
            ModelRead.model_validate({**_row_dict(m), "available": service.is_available(m)})
            for m in service.list_models(session)
        ]
    )


def _row_dict(model: object) -> dict[str, object]:
    return {k: getattr(model, k) for k in ModelRead.model_fields if k != "available"}
