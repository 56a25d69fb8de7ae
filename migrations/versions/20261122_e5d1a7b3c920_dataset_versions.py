"""dataset versions and mixtures

Immutable, content-hashed dataset versions with lineage; every existing dataset gets version 1 (its upload, whose
hash is the dataset's own: both hash the normalised records file). Runs name the version they trained on. Mixtures:
named, versioned recipes of dataset versions, materialised into datasets.

Revision ID: e5d1a7b3c920
Revises: f1a9d3e6b7c2
Create Date: 2026-11-22 06:40:00.000000

"""
import secrets
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'e5d1a7b3c920'
down_revision: Union[str, Sequence[str], None] = 'f1a9d3e6b7c2'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        'dataset_versions',
        sa.Column('id', sa.String(length=40), nullable=False),
        sa.Column('dataset_id', sa.String(length=40), nullable=False),
        sa.Column('owner_id', sa.String(length=40), nullable=False),
        sa.Column('project_id', sa.String(length=40), server_default='prj_default', nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('parent_id', sa.String(length=40), nullable=True),
        sa.Column('operation', sa.String(length=20), nullable=False),
        sa.Column('role', sa.String(length=20), nullable=True),
        sa.Column('parameters', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('progress', sa.Float(), nullable=False),
        sa.Column('error', sa.Text(), nullable=True),
        sa.Column('storage_key', sa.String(length=500), nullable=True),
        sa.Column('sha256', sa.String(length=64), nullable=True),
        sa.Column('records_before', sa.Integer(), nullable=False),
        sa.Column('record_count', sa.Integer(), nullable=True),
        sa.Column('size_bytes', sa.BigInteger(), nullable=True),
        sa.Column('result', sa.JSON(), nullable=True),
        sa.Column('lease_token', sa.String(length=64), nullable=True),
        sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['dataset_id'], ['datasets.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['owner_id'], ['users.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('dataset_id', 'number', name='uq_dataset_versions_number'),
    )
    with op.batch_alter_table('dataset_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dataset_versions_dataset_id'), ['dataset_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dataset_versions_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dataset_versions_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dataset_versions_status'), ['status'], unique=False)
    op.create_table(
        'mixtures',
        sa.Column('id', sa.String(length=40), nullable=False),
        sa.Column('owner_id', sa.String(length=40), nullable=False),
        sa.Column('project_id', sa.String(length=40), server_default='prj_default', nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('seed', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('sources', sa.JSON(), nullable=False),
        sa.Column('plan', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('progress', sa.Float(), nullable=False),
        sa.Column('error', sa.Text(), nullable=True),
        sa.Column('dataset_id', sa.String(length=40), nullable=True),
        sa.Column('dataset_version_id', sa.String(length=40), nullable=True),
        sa.Column('lease_token', sa.String(length=64), nullable=True),
        sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['owner_id'], ['users.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('project_id', 'name', 'version', name='uq_mixtures_name_version'),
    )
    with op.batch_alter_table('mixtures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mixtures_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mixtures_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mixtures_status'), ['status'], unique=False)
    # A plain nullable column: on SQLite a native ADD COLUMN, no table copy.
    with op.batch_alter_table('runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dataset_version_id', sa.String(length=40), nullable=True))

    conn = op.get_bind()
    datasets = conn.execute(
        sa.text(
            'SELECT id, owner_id, project_id, storage_key, sha256, record_count, size_bytes, created_at FROM datasets'
        )
    ).all()
    versions = sa.table(
        'dataset_versions',
        sa.column('parameters', sa.JSON()),
        *(sa.column(c) for c in (
            'id', 'dataset_id', 'owner_id', 'project_id', 'number', 'parent_id', 'operation', 'role',
            'status', 'progress', 'storage_key', 'sha256', 'records_before', 'record_count', 'size_bytes',
            'created_at', 'finished_at',
        )),
    )
    rows = [
        {
            # Time-ordered like backend.core.ids.new_id, from the dataset's own id (`ds_<time><random>`).
            'id': f"dsv_{d.id.split('_', 1)[1][:10]}{secrets.token_hex(6)}",
            'dataset_id': d.id, 'owner_id': d.owner_id, 'project_id': d.project_id, 'number': 1,
            'parent_id': None, 'operation': 'upload', 'role': None, 'parameters': {}, 'status': 'succeeded',
            'progress': 1.0, 'storage_key': d.storage_key, 'sha256': d.sha256, 'records_before': d.record_count,
            'record_count': d.record_count, 'size_bytes': d.size_bytes, 'created_at': d.created_at,
            'finished_at': d.created_at,
        }
        for d in datasets
    ]
    if rows:
        op.bulk_insert(versions, rows)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('runs', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('dataset_version_id')
    with op.batch_alter_table('mixtures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mixtures_status'))
        batch_op.drop_index(batch_op.f('ix_mixtures_project_id'))
        batch_op.drop_index(batch_op.f('ix_mixtures_owner_id'))
    op.drop_table('mixtures')
    with op.batch_alter_table('dataset_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dataset_versions_status'))
        batch_op.drop_index(batch_op.f('ix_dataset_versions_project_id'))
        batch_op.drop_index(batch_op.f('ix_dataset_versions_owner_id'))
        batch_op.drop_index(batch_op.f('ix_dataset_versions_dataset_id'))
    op.drop_table('dataset_versions')
