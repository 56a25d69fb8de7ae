"""run pause flag, separate eval dataset and OpenAI-compatible job details

Runs can be paused (a cooperative flag like cancel) and resumed from their checkpoint; `openai_jobs` keeps what a
job created through `/v1/fine_tuning/jobs` was asked in OpenAI's terms (suffix, metadata, method, extension); a run may name a separate eval dataset (OpenAI's validation file).

Revision ID: 5e7c1f0a9b21
Revises: 0426d70a4e5e
Create Date: 2026-11-22 02:55:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '5e7c1f0a9b21'
down_revision: Union[str, Sequence[str], None] = '0426d70a4e5e'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pause_requested', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('eval_dataset_id', sa.String(length=40), nullable=True))
    op.create_table(
        'openai_jobs',
        sa.Column('run_id', sa.String(length=40), nullable=False),
        sa.Column('suffix', sa.String(length=64), nullable=True),
        sa.Column('metadata', sa.JSON(), nullable=True),
        sa.Column('method_type', sa.String(length=20), nullable=False),
        sa.Column('extension', sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(['run_id'], ['runs.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('run_id'),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('openai_jobs')
    # Native DROP COLUMN (SQLite >= 3.35): copying the table would trip foreign keys pointing at runs.
    with op.batch_alter_table('runs', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('eval_dataset_id')
        batch_op.drop_column('pause_requested')
