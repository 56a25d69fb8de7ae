"""dataset reports

Data reports of datasets, computed by CPU workers: status and progress while they run, the report as JSON after.

Revision ID: 2e5bcb0a7022
Revises: 5e1f0c3a9b27
Create Date: 2026-11-22 02:52:50.080055

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '2e5bcb0a7022'
down_revision: Union[str, Sequence[str], None] = '5e1f0c3a9b27'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('dataset_reports',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('owner_id', sa.String(length=40), nullable=False),
    sa.Column('dataset_id', sa.String(length=40), nullable=False),
    sa.Column('compare_dataset_id', sa.String(length=40), nullable=True),
    sa.Column('model', sa.String(length=200), nullable=False),
    sa.Column('max_length', sa.Integer(), nullable=False),
    sa.Column('near_duplicate_threshold', sa.Float(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('progress', sa.Float(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('lease_token', sa.String(length=64), nullable=True),
    sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['compare_dataset_id'], ['datasets.id'], name=op.f('fk_dataset_reports_compare_dataset_id_datasets')),
    sa.ForeignKeyConstraint(['dataset_id'], ['datasets.id'], name=op.f('fk_dataset_reports_dataset_id_datasets')),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_dataset_reports_owner_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dataset_reports'))
    )
    with op.batch_alter_table('dataset_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dataset_reports_dataset_id'), ['dataset_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dataset_reports_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dataset_reports_status'), ['status'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('dataset_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dataset_reports_status'))
        batch_op.drop_index(batch_op.f('ix_dataset_reports_owner_id'))
        batch_op.drop_index(batch_op.f('ix_dataset_reports_dataset_id'))

    op.drop_table('dataset_reports')
