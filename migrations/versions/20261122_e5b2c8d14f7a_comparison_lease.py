"""comparison lease

Side-by-side studies get the lease columns evaluations and exports have, so the reaper can queue again a study
whose worker died (bounded attempts) and resend a lost message. Existing studies were never leased: attempts 0,
and a queued one counts as dispatched when it was created so a lost message is resent.

Revision ID: e5b2c8d14f7a
Revises: e5b8c3d1f0a7
Create Date: 2026-11-22 06:30:00.000000

"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "e5b2c8d14f7a"
down_revision: Union[str, Sequence[str], None] = "e5b8c3d1f0a7"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    # Nullable columns and a literal default: native ADD COLUMN on SQLite, no table copy.
    with op.batch_alter_table("comparisons", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("worker", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("attempts", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("dispatched_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("started_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE comparisons SET dispatched_at = created_at WHERE status = 'queued'")


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("comparisons", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("started_at")
        batch_op.drop_column("dispatched_at")
        batch_op.drop_column("attempts")
        batch_op.drop_column("worker")
        batch_op.drop_column("lease_expires_at")
