"""comparisons

Blind side-by-side studies: the study (candidates, prompts, generated answers), its rating pairs, and the ratings,
one per pair and rater.

Revision ID: 7c2d9e4b1a53
Revises: 2e5bcb0a7022
Create Date: 2026-11-22 04:20:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '7c2d9e4b1a53'
down_revision: Union[str, Sequence[str], None] = '2e5bcb0a7022'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('comparisons',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('owner_id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('dataset_id', sa.String(length=40), nullable=False),
    sa.Column('candidates', sa.JSON(), nullable=False),
    sa.Column('targets', sa.JSON(), nullable=False),
    sa.Column('sampling', sa.JSON(), nullable=False),
    sa.Column('prompts', sa.JSON(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('progress', sa.Float(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('lease_token', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['dataset_id'], ['datasets.id'], ),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_comparisons_owner_id'), 'comparisons', ['owner_id'], unique=False)
    op.create_index(op.f('ix_comparisons_status'), 'comparisons', ['status'], unique=False)
    op.create_table('comparison_pairs',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('comparison_id', sa.String(length=40), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('prompt_index', sa.Integer(), nullable=False),
    sa.Column('first', sa.String(length=200), nullable=False),
    sa.Column('second', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['comparison_id'], ['comparisons.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_comparison_pairs_comparison_id'), 'comparison_pairs', ['comparison_id'], unique=False)
    op.create_table('comparison_ratings',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('comparison_id', sa.String(length=40), nullable=False),
    sa.Column('pair_id', sa.String(length=40), nullable=False),
    sa.Column('rater', sa.String(length=200), nullable=False),
    sa.Column('choice', sa.String(length=4), nullable=False),
    sa.Column('outcome', sa.String(length=6), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['comparison_id'], ['comparisons.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pair_id'], ['comparison_pairs.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('pair_id', 'rater', name='uq_comparison_ratings_pair_rater')
    )
    op.create_index(op.f('ix_comparison_ratings_comparison_id'), 'comparison_ratings', ['comparison_id'], unique=False)
    op.create_index(op.f('ix_comparison_ratings_pair_id'), 'comparison_ratings', ['pair_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f('ix_comparison_ratings_pair_id'), table_name='comparison_ratings')
    op.drop_index(op.f('ix_comparison_ratings_comparison_id'), table_name='comparison_ratings')
    op.drop_table('comparison_ratings')
    op.drop_index(op.f('ix_comparison_pairs_comparison_id'), table_name='comparison_pairs')
    op.drop_table('comparison_pairs')
    op.drop_index(op.f('ix_comparisons_status'), table_name='comparisons')
    op.drop_index(op.f('ix_comparisons_owner_id'), table_name='comparisons')
    op.drop_table('comparisons')
