"""dataset quarantined count

An upload may now be accepted with its bad records set aside (on_invalid=quarantine); the dataset records how
many, and they are stored beside its records. Datasets from before were accepted whole, so 0.

Revision ID: 7c4e2a91d5b3
Revises: 7c2d9e4b1a53
Create Date: 2026-11-22 04:20:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '7c4e2a91d5b3'
down_revision: Union[str, Sequence[str], None] = '7c2d9e4b1a53'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    # A plain literal default: on SQLite a native ADD COLUMN, no table copy.
    with op.batch_alter_table('datasets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('quarantined_count', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    """Downgrade schema."""
    # Native DROP COLUMN (SQLite >= 3.35): copying the table would trip the runs -> datasets foreign key.
    with op.batch_alter_table('datasets', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('quarantined_count')
