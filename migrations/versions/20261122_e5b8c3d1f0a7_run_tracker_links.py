"""run tracker links

A run records where the workers mirror it in experiment trackers (MLflow, W&B), so its page can link there. Runs
from before have none recorded: an empty list.

Revision ID: e5b8c3d1f0a7
Revises: e5d1c7a3b9f2
Create Date: 2026-11-22 06:10:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'e5b8c3d1f0a7'
down_revision: Union[str, Sequence[str], None] = 'e5d1c7a3b9f2'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    # A constant server default fills existing rows; on SQLite a native ADD COLUMN, no table copy.
    with op.batch_alter_table('runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('trackers', sa.JSON(), server_default=sa.text("'[]'"), nullable=False))


def downgrade() -> None:
    """Downgrade schema."""
    # Native DROP COLUMN (SQLite >= 3.35): copying the table would trip foreign keys that point at runs.
    with op.batch_alter_table('runs', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('trackers')
