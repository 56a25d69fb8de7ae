"""reference results

The reference model's scores on a general set, cached so that evaluating every checkpoint of a run does not score
the untouched base model again each time. A new table; nothing to backfill (the cache fills as evaluations run).

Revision ID: f1a9d3e6b7c2
Revises: e5b2c8d14f7a
Create Date: 2026-11-22 06:40:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'f1a9d3e6b7c2'
down_revision: Union[str, Sequence[str], None] = 'e5b2c8d14f7a'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('reference_results',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('cache_key', sa.String(length=64), nullable=False),
    sa.Column('reference_path', sa.String(length=1000), nullable=False),
    sa.Column('reference_fingerprint', sa.String(length=64), nullable=False),
    sa.Column('dataset_id', sa.String(length=40), nullable=False),
    sa.Column('dataset_sha256', sa.String(length=64), nullable=False),
    sa.Column('prompt_style', sa.String(length=20), nullable=False),
    sa.Column('generate_answers', sa.Boolean(), nullable=False),
    sa.Column('max_seq_length', sa.Integer(), nullable=False),
    sa.Column('metrics', sa.JSON(), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.Column('hits', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('cache_key')
    )
    op.create_index(op.f('ix_reference_results_dataset_id'), 'reference_results', ['dataset_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f('ix_reference_results_dataset_id'), table_name='reference_results')
    op.drop_table('reference_results')
