"""project quotas for the GPU queue

Revision ID: e5d1c7a3b9f2
Revises: 9a3f6c1e2d48
Create Date: 2026-11-22 06:40:00.000000

"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "e5d1c7a3b9f2"
down_revision: Union[str, Sequence[str], None] = "9a3f6c1e2d48"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Plain nullable ADD COLUMNs: no copy of a table that memberships and objects point at (SQLite).
    op.add_column("projects", sa.Column("max_gpus", sa.Integer(), nullable=True))
    op.add_column("projects", sa.Column("max_runs", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("projects", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("max_runs")
        batch_op.drop_column("max_gpus")
