"""SQLAlchemy tables. Importing this package registers every table on `Base.metadata` (Alembic reads it)."""

from backend.models.audit import AuditEvent
from backend.models.auth import ApiKey, LoginSession
from backend.models.catalog import CatalogModel, ModelSource
from backend.models.checkpoint import Checkpoint
from backend.models.comparison import Comparison, ComparisonPair, ComparisonRating
from backend.models.dataset import Dataset
from backend.models.dataset_version import DatasetVersion
from backend.models.evaluation import Evaluation, ReferenceResult
from backend.models.export import Export, ExportStatus
from backend.models.mixture import Mixture
from backend.models.openai_job import OpenAIJob
from backend.models.project import DEFAULT_PROJECT_ID, Project, ProjectMember
from backend.models.report import DatasetReport
from backend.models.run import Run, RunEvent, RunStatus
from backend.models.user import User
from backend.models.worker import SchedulerLock, UserQuota, Worker

__all__ = [
    "DEFAULT_PROJECT_ID",
    "ApiKey",
    "AuditEvent",
    "CatalogModel",
    "Checkpoint",
    "Comparison",
    "ComparisonPair",
    "ComparisonRating",
    "Dataset",
    "DatasetReport",
    "DatasetVersion",
    "Evaluation",
    "Export",
    "ExportStatus",
    "LoginSession",
    "Mixture",
    "ModelSource",
    "OpenAIJob",
    "Project",
    "ProjectMember",
    "ReferenceResult",
    "Run",
    "RunEvent",
    "RunStatus",
    "SchedulerLock",
    "User",
    "UserQuota",
    "Worker",
]
