"""model catalog admin: retire, trust_remote_code, base chat template, the model-source allow-list

Admins now add, retire and delete families and keep an allow-list of where models may come from. Rows from
before are the built-in `tiny` family (builtin = true, nothing retired, no remote code). The allow-list starts
empty and is seeded from the settings at the next start.

Revision ID: c4a7e19b2d60
Revises: 7c4e2a91d5b3
Create Date: 2026-11-22 05:40:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa



# revision identifiers, used by Alembic.
revision: str = 'c4a7e19b2d60'
down_revision: Union[str, Sequence[str], None] = '7c4e2a91d5b3'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        'model_sources',
        sa.Column('id', sa.String(length=40), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('value', sa.String(length=1000), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('kind', 'value', name='uq_model_sources_kind_value'),
    )
    # Plain literal defaults / nullable columns: native ADD COLUMN on SQLite, no table copy.
    with op.batch_alter_table('catalog_models', schema=None) as batch_op:
        batch_op.add_column(sa.Column('builtin', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('trust_remote_code', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('chat_template', sa.Text(), nullable=True))
    # Every row so far came from the built-in catalog.
    op.execute(sa.text("UPDATE catalog_models SET builtin = :yes").bindparams(yes=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('catalog_models', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('chat_template')
        batch_op.drop_column('trust_remote_code')
        batch_op.drop_column('retired_at')
        batch_op.drop_column('builtin')
    op.drop_table('model_sources')
