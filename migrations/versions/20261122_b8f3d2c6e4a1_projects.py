"""projects and project members; every object belongs to a project

A "Default" project (id prj_default, slug default) is created, every existing user becomes a member, and every
existing dataset, run, evaluation, dataset report and comparison is backfilled into it by the column default.

Revision ID: b8f3d2c6e4a1
Revises: b3f1a7c9d2e4
Create Date: 2026-11-22 05:30:00.000000

"""

from datetime import datetime, timezone
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "b8f3d2c6e4a1"
down_revision: Union[str, Sequence[str], None] = "b3f1a7c9d2e4"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

DEFAULT_PROJECT_ID = "prj_default"
SCOPED_TABLES = ("datasets", "runs", "evaluations", "dataset_reports", "comparisons")


def upgrade() -> None:
    """Upgrade schema."""
    projects = op.create_table(
        "projects",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
        sa.UniqueConstraint("slug"),
    )
    op.create_table(
        "project_members",
        sa.Column("project_id", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("project_id", "user_id"),
    )
    with op.batch_alter_table("project_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_project_members_user_id"), ["user_id"], unique=False)

    now = datetime.now(timezone.utc)
    op.bulk_insert(
        projects,
        [
            {
                "id": DEFAULT_PROJECT_ID,
                "name": "Default",
                "slug": "default",
                "created_at": now,
                "created_by": None,
                "description": "Everything created before projects existed, and where admins work by default.",
            }
        ],
    )
    op.execute(
        sa.text(
            "INSERT INTO project_members (project_id, user_id, created_at) SELECT :project, id, :now FROM users"
        ).bindparams(sa.bindparam("project", DEFAULT_PROJECT_ID), sa.bindparam("now", now, sa.DateTime(timezone=True)))
    )
    # A plain literal default: on SQLite a native ADD COLUMN (no table copy, which the foreign keys pointing at
    # these tables forbid), and every existing row is in the Default project at once.
    for table in SCOPED_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("project_id", sa.String(length=40), server_default=DEFAULT_PROJECT_ID, nullable=False)
            )
            batch_op.create_index(batch_op.f(f"ix_{table}_project_id"), ["project_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    for table in SCOPED_TABLES:
        with op.batch_alter_table(table, schema=None, recreate="never") as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_project_id"))
            batch_op.drop_column("project_id")
    with op.batch_alter_table("project_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_members_user_id"))
    op.drop_table("project_members")
    op.drop_table("projects")
