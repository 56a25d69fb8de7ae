"""dataset source format, detection confidence and encoding

Datasets now come in several formats and kinds. `format` keeps the internal kind (messages, preference, kto,
text); the new columns say what the uploaded file was. Rows from before format detection were OpenAI chat JSONL
in UTF-8, which the server defaults record.

Revision ID: a00d1b171bf1
Revises: 0a03ba338fb9
Create Date: 2026-11-22 01:28:30.569620

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'a00d1b171bf1'
down_revision: Union[str, Sequence[str], None] = '0a03ba338fb9'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    # Plain literal defaults: on SQLite these are native ADD COLUMNs, no table copy.
    with op.batch_alter_table('datasets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_format', sa.String(length=40), server_default='openai', nullable=False))
        batch_op.add_column(sa.Column('detection_confidence', sa.Float(), server_default='1.0', nullable=False))
        batch_op.add_column(sa.Column('encoding', sa.String(length=40), server_default='utf-8', nullable=False))


def downgrade() -> None:
    """Downgrade schema."""
    # Native DROP COLUMN (SQLite >= 3.35): copying the table would trip the runs -> datasets foreign key.
    with op.batch_alter_table('datasets', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('encoding')
        batch_op.drop_column('detection_confidence')
        batch_op.drop_column('source_format')
