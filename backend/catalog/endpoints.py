from __future__ import annotations

from fastapi import APIRouter, status

from backend.catalog import service
from backend.catalog.schemas import (
    FamilyCreate,
    FamilyList,
    FamilyRead,
    FamilyUpdate,
    ModelList,
    ModelRead,
    SourceCreate,
    SourceList,
    SourceRead,
    SourceUpdate,
)
from backend.core.deps import AdminPrincipal, SessionDep

router = APIRouter(prefix="/models", tags=["models"])
admin_router = APIRouter(prefix="/admin/models", tags=["admin_models"])
sources_router = APIRouter(prefix="/admin/model-sources", tags=["admin_model_sources"])


@router.get("", response_model=ModelList)
def list_(session: SessionDep) -> ModelList:
    """The model catalog: every live family's base and chat variants (retired ones are hidden)."""
    return ModelList(
        items=[
            ModelRead.model_validate({**_row_dict(m), "available": service.is_available(m)})
            for m in service.list_models(session)
        ]
    )


def _row_dict(model: object) -> dict[str, object]:
    return {k: getattr(model, k) for k in ModelRead.model_fields if k != "available"}


@admin_router.get("", response_model=FamilyList)
def list_families(session: SessionDep, _: AdminPrincipal) -> FamilyList:
    """Every family, retired ones included, with its variants and what uses it."""
    return FamilyList(items=service.list_families(session))


@admin_router.post("", response_model=FamilyRead, status_code=status.HTTP_201_CREATED)
def add_family(body: FamilyCreate, session: SessionDep, admin: AdminPrincipal) -> FamilyRead:
    """Add a family from local folders under an allowed root or allowed hub ids; its files are checked now."""
    return service.add_family(session, admin, body)


@admin_router.get("/{family}", response_model=FamilyRead)
def get_family(family: str, session: SessionDep, _: AdminPrincipal) -> FamilyRead:
    return service.get_family(session, family)


@admin_router.patch("/{family}", response_model=FamilyRead)
def update_family(family: str, body: FamilyUpdate, session: SessionDep, admin: AdminPrincipal) -> FamilyRead:
    """Edit a family's details, base chat template or trust_remote_code flag."""
    return service.update_family(session, admin, family, body)


@admin_router.post("/{family}/retire", response_model=FamilyRead)
def retire_family(family: str, session: SessionDep, admin: AdminPrincipal) -> FamilyRead:
    """Hide a family from new runs, evaluations and serving; existing runs keep working."""
    return service.set_retired(session, admin, family, True)


@admin_router.post("/{family}/restore", response_model=FamilyRead)
def restore_family(family: str, session: SessionDep, admin: AdminPrincipal) -> FamilyRead:
    return service.set_retired(session, admin, family, False)


@admin_router.delete("/{family}", status_code=status.HTTP_204_NO_CONTENT)
def delete_family(family: str, session: SessionDep, admin: AdminPrincipal) -> None:
    """Delete a family nothing uses (409 otherwise: retire it instead)."""
    service.delete_family(session, admin, family)


@sources_router.get("", response_model=SourceList)
def list_sources(session: SessionDep, _: AdminPrincipal) -> SourceList:
    """The allow-list: local root folders and hub id patterns models may come from."""
    return SourceList(items=[SourceRead.model_validate(s) for s in service.list_sources(session)])


@sources_router.post("", response_model=SourceRead, status_code=status.HTTP_201_CREATED)
def add_source(body: SourceCreate, session: SessionDep, admin: AdminPrincipal) -> SourceRead:
    return SourceRead.model_validate(service.add_source(session, admin, body))


@sources_router.patch("/{source_id}", response_model=SourceRead)
def update_source(source_id: str, body: SourceUpdate, session: SessionDep, admin: AdminPrincipal) -> SourceRead:
    return SourceRead.model_validate(service.update_source(session, admin, source_id, body))


@sources_router.delete("/{source_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_source(source_id: str, session: SessionDep, admin: AdminPrincipal) -> None:
    """Remove an entry: models from it can no longer start runs, evaluations, exports or serving."""
    service.delete_source(session, admin, source_id)
