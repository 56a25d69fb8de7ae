"""evaluations, and a run's evaluation plan and recommended checkpoint

Revision ID: 5e1f0c3a9b27
Revises: 5e7c1f0a9b21
Create Date: 2026-11-22 02:55:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa



# revision identifiers, used by Alembic.
revision: str = '5e1f0c3a9b27'
down_revision: Union[str, Sequence[str], None] = '5e7c1f0a9b21'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        'evaluations',
        sa.Column('id', sa.String(length=40), nullable=False),
        sa.Column('owner_id', sa.String(length=40), nullable=False),
        sa.Column('run_id', sa.String(length=40), nullable=True),
        sa.Column('checkpoint_id', sa.String(length=40), nullable=True),
        sa.Column('model_name', sa.String(length=200), nullable=True),
        sa.Column('trigger', sa.String(length=20), nullable=False),
        sa.Column('dataset_ids', sa.JSON(), nullable=False),
        sa.Column('general_dataset_ids', sa.JSON(), nullable=False),
        sa.Column('job', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('progress', sa.Float(), nullable=False),
        sa.Column('metrics', sa.JSON(), nullable=False),
        sa.Column('results', sa.JSON(), nullable=False),
        sa.Column('items_key', sa.String(length=500), nullable=True),
        sa.Column('error', sa.Text(), nullable=True),
        sa.Column('lease_token', sa.String(length=64), nullable=True),
        sa.Column('lease_expires_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('worker', sa.String(length=200), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('dispatched_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['checkpoint_id'], ['checkpoints.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['owner_id'], ['users.id']),
        sa.ForeignKeyConstraint(['run_id'], ['runs.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('evaluations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluations_checkpoint_id'), ['checkpoint_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evaluations_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evaluations_run_id'), ['run_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evaluations_status'), ['status'], unique=False)
    # Nullable columns: native ADD COLUMN on SQLite, no table copy.
    with op.batch_alter_table('runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('evaluation_plan', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('recommended_checkpoint_id', sa.String(length=40), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('runs', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('recommended_checkpoint_id')
        batch_op.drop_column('evaluation_plan')
    op.drop_table('evaluations')
