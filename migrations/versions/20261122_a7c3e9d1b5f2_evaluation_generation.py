"""evaluation generation backend

An evaluation records who generated its replies to multiple-choice questions (the inference service or the
evaluating worker) and why. Evaluations from before have none recorded (null): they generated in process.

Revision ID: a7c3e9d1b5f2
Revises: e5d1a7b3c920
Create Date: 2026-11-23 09:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'a7c3e9d1b5f2'
down_revision: Union[str, Sequence[str], None] = 'e5d1a7b3c920'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.add_column('evaluations', sa.Column('generation', sa.JSON(), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    # Native DROP COLUMN (SQLite >= 3.35): copying the table would trip foreign keys that point at evaluations.
    with op.batch_alter_table('evaluations', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('generation')
