"""create_app(): the API under /api, one error renderer, and the built frontend at /."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from backend.audit.endpoints import admin_router as audit_admin_router
from backend.auth.endpoints import keys_router
from backend.auth.endpoints import public_router as auth_public_router
from backend.auth.endpoints import router as auth_router
from backend.catalog.endpoints import admin_router as admin_models_router
from backend.catalog.endpoints import router as models_router
from backend.catalog.endpoints import sources_router as model_sources_router
from backend.checkpoints.endpoints import router as checkpoints_router
from backend.comparisons.endpoints import router as comparisons_router
from backend.core.deps import CSRF_HEADER, Authorized, NoNulCharacters
from backend.core.errors import install_error_handlers
from backend.core.http import SecurityHeaders
from backend.core.settings import get_settings
from backend.datasets.endpoints import router as datasets_router
from backend.evals.endpoints import router as evaluations_router
from backend.exports.endpoints import router as exports_router
from backend.health.endpoints import router as health_router
from backend.mixtures.endpoints import router as mixtures_router
from backend.openai_compat.endpoints import router as openai_router
from backend.projects.endpoints import router as projects_router
from backend.reports.endpoints import router as reports_router
from backend.runs.endpoints import router as runs_router
from backend.scheduler.endpoints import router as admin_queue_router
from backend.serving.endpoints import api_router as serving_router
from backend.serving.endpoints import router as inference_router
from backend.users.endpoints import admin_router as users_admin_router
from backend.versions.endpoints import router as versions_router


def operation_id(route: APIRoute) -> str:
    tag = route.tags[0] if route.tags else "app"
    return f"{tag}-{route.name.rstrip('_')}"


def _mount_frontend(app: FastAPI, dist: Path) -> None:
    index = dist / "index.html"
    if (dist / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=dist / "assets"), name="assets")

    @app.get("/{path:path}", include_in_schema=False, response_model=None)
    def spa(path: str) -> FileResponse | JSONResponse:
        if path.startswith(("api/", "v1/")) or path == "v1":
            raise StarletteHTTPException(404)  # rendered in the shape of that API
        candidate = (dist / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(dist.resolve()):
            return FileResponse(candidate)
        if index.is_file():
            return FileResponse(index)
        return JSONResponse(
            {
                "error": "FrontendNotBuilt",
                "detail": "The web UI is not built; run `make up` (it builds frontend/dist).",
            },
            status_code=503,
        )


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(
        title="Tunewright",
        summary="Self-hosted LLM fine-tuning workbench",
        version="0.1.0",
        generate_unique_id_function=operation_id,
        dependencies=[NoNulCharacters],
    )
    install_error_handlers(app)
    if settings.cors_origins:
        # Credentials (the session cookie) only ever go to the origins listed; a wildcard gets none.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials="*" not in settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", CSRF_HEADER],
        )
    app.add_middleware(SecurityHeaders)
    # Without credentials: liveness and sign-in. Everything else under /api needs a signed-in user or a key,
    # and `Authorized` refuses viewers' writes in one place.
    public = APIRouter(prefix="/api")
    for router in (health_router, auth_public_router):
        public.include_router(router)
    api = APIRouter(prefix="/api", dependencies=[Authorized])
    routers = (
        auth_router,
        keys_router,
        users_admin_router,
        audit_admin_router,
        datasets_router,
        reports_router,
        versions_router,
        mixtures_router,
        models_router,
        admin_models_router,
        model_sources_router,
        runs_router,
        checkpoints_router,
        exports_router,
        serving_router,
        evaluations_router,
        comparisons_router,
        projects_router,
        admin_queue_router,
    )
    for router in routers:
        api.include_router(router)
    app.include_router(public)
    app.include_router(api)
    app.include_router(openai_router)
    app.include_router(inference_router)
    _mount_frontend(app, settings.frontend_dist)
    return app
