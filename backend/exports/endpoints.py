from __future__ import annotations

from fastapi import APIRouter, status
from fastapi.responses import StreamingResponse

from backend.core.deps import CurrentPrincipal, SessionDep, StorageDep
from backend.core.errors import ERROR_RESPONSES
from backend.exports import service
from backend.exports.archive import tar_stream
from backend.exports.schemas import ExportCreate, ExportList, ExportRead

router = APIRouter(tags=["exports"], responses=ERROR_RESPONSES)


@router.post("/checkpoints/{checkpoint_id}/exports", status_code=status.HTTP_202_ACCEPTED, response_model=ExportRead)
def create(checkpoint_id: str, body: ExportCreate, session: SessionDep, principal: CurrentPrincipal) -> ExportRead:
    """Export a checkpoint as an adapter or a merged model (runs on a GPU worker). A merged export passes a parity
    check against the model it was made from or fails with the figures. Asking again for the same kind and dtype
    returns the existing export unless it failed."""
    return ExportRead.model_validate(service.create(session, principal, checkpoint_id, body))


@router.get("/checkpoints/{checkpoint_id}/exports", response_model=ExportList)
def list_(checkpoint_id: str, session: SessionDep, principal: CurrentPrincipal) -> ExportList:
    """The checkpoint's exports, newest first."""
    rows = service.list_for_checkpoint(session, principal, checkpoint_id)
    return ExportList(items=[ExportRead.model_validate(r) for r in rows])


@router.get("/exports/{export_id}", response_model=ExportRead)
def get(export_id: str, session: SessionDep, principal: CurrentPrincipal) -> ExportRead:
    return ExportRead.model_validate(service.get(session, principal, export_id))


@router.get(
    "/exports/{export_id}/download",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/x-tar": {}}, "description": "The export folder as a tar archive."}},
)
def download(
    export_id: str, session: SessionDep, principal: CurrentPrincipal, storage: StorageDep
) -> StreamingResponse:
    """The export as a streamed tar archive: weights, config, tokenizer, generation config and
    reproducibility.json (run, data version hash, resolved spec and template, library versions, parity).
    409 until the export has succeeded."""
    export, folder = service.folder_to_download(session, principal, storage, export_id)
    name = f"{export.id}-{export.kind}-{export.dtype}"
    return StreamingResponse(
        tar_stream(folder, name),
        media_type="application/x-tar",
        headers={"Content-Disposition": f'attachment; filename="{name}.tar"'},
    )
