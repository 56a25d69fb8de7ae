"""shared leases

Data reports, cleanings (dataset versions) and mixtures move from "steal a running job whose heartbeat is stale
when its message arrives again" to the lease every other job has, so the reaper recovers them when their worker
dies: lease_expires_at, worker, attempts, dispatched_at (and started_at where missing) replace heartbeat_at.
Exports gain the worker column the others have. A queued job counts as dispatched when it was created (a lost
message is resent); a running one was claimed once and its lease ends at its last heartbeat, so the reaper queues
it again at once if no worker finishes it.

Revision ID: a7c4e2f9d1b6
Revises: a7c3e9d1b5f2
Create Date: 2026-11-23 09:00:00.000000

"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "a7c4e2f9d1b6"
down_revision: Union[str, Sequence[str], None] = "a7c3e9d1b5f2"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

CPU_JOBS = ("dataset_reports", "dataset_versions", "mixtures")


def upgrade() -> None:
    """Upgrade schema."""
    # Nullable columns and a literal default: native ADD COLUMN on SQLite, no table copy.
    for table in CPU_JOBS:
        op.add_column(table, sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True))
        op.add_column(table, sa.Column("worker", sa.String(length=200), nullable=True))
        op.add_column(table, sa.Column("attempts", sa.Integer(), server_default="0", nullable=False))
        op.add_column(table, sa.Column("dispatched_at", sa.DateTime(timezone=True), nullable=True))
        if table != "dataset_reports":
            op.add_column(table, sa.Column("started_at", sa.DateTime(timezone=True), nullable=True))
        op.execute(f"UPDATE {table} SET dispatched_at = created_at WHERE status = 'queued'")
        op.execute(
            f"UPDATE {table} SET attempts = 1, lease_expires_at = COALESCE(heartbeat_at, created_at) "
            "WHERE status = 'running'"
        )
        with op.batch_alter_table(table, schema=None, recreate="never") as batch_op:
            batch_op.drop_column("heartbeat_at")
    op.add_column("exports", sa.Column("worker", sa.String(length=200), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("exports", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("worker")
    for table in reversed(CPU_JOBS):
        op.add_column(table, sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))
        op.execute(f"UPDATE {table} SET heartbeat_at = lease_expires_at WHERE status = 'running'")
        with op.batch_alter_table(table, schema=None, recreate="never") as batch_op:
            if table != "dataset_reports":
                batch_op.drop_column("started_at")
            batch_op.drop_column("dispatched_at")
            batch_op.drop_column("attempts")
            batch_op.drop_column("worker")
            batch_op.drop_column("lease_expires_at")
