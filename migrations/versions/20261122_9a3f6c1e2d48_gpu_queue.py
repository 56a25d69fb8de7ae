"""gpu queue: worker inventory, per-user quotas, run requirements and assignments

Runs gain what the scheduler needs (GPUs and memory per GPU, priority) and what it decides (assigned worker and
GPUs, queue position, wait reason). Existing runs take their requirements from their resolved spec.

Revision ID: 9a3f6c1e2d48
Revises: b8f3d2c6e4a1
Create Date: 2026-11-22 05:40:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '9a3f6c1e2d48'
down_revision: Union[str, Sequence[str], None] = 'b8f3d2c6e4a1'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

UTC = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        'workers',
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('host', sa.String(length=200), nullable=False),
        sa.Column('queues', sa.JSON(), nullable=False),
        sa.Column('slots', sa.Integer(), nullable=False),
        sa.Column('gpus', sa.JSON(), nullable=False),
        sa.Column('simulated', sa.Boolean(), nullable=False),
        sa.Column('cpu_count', sa.Integer(), nullable=False),
        sa.Column('memory_total_mb', sa.Integer(), nullable=False),
        sa.Column('version', sa.String(length=40), nullable=False),
        sa.Column('drained', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('started_at', UTC, nullable=False),
        sa.Column('last_heartbeat_at', UTC, nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_workers')),
    )
    op.create_index(op.f('ix_workers_last_heartbeat_at'), 'workers', ['last_heartbeat_at'], unique=False)
    op.create_table(
        'user_quotas',
        sa.Column('user_id', sa.String(length=40), nullable=False),
        sa.Column('max_gpus', sa.Integer(), nullable=True),
        sa.Column('max_runs', sa.Integer(), nullable=True),
        sa.Column('updated_at', UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'], name=op.f('fk_user_quotas_user_id_users'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_user_quotas')),
    )
    lock = op.create_table(
        'scheduler_lock',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('passes', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_scheduler_lock')),
    )
    op.bulk_insert(lock, [{'id': 1, 'passes': 0}])
    # Plain ADD COLUMNs (literal defaults, no table copy): SQLite cannot copy `runs` while rows point at it.
    with op.batch_alter_table('runs', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('gpus_required', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('gpu_memory_required_mb', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('priority', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('queued_at', UTC, nullable=True))
        batch_op.add_column(sa.Column('assigned_worker', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('assigned_gpus', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('assigned_at', UTC, nullable=True))
        batch_op.add_column(sa.Column('queue_position', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('wait_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('requeue_on_pause', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_index(op.f('ix_runs_assigned_worker'), 'runs', ['assigned_worker'], unique=False)
    _backfill_requirements()


def _backfill_requirements() -> None:
    """JSON paths differ between SQLite and PostgreSQL, so read the resolved specs in Python."""
    runs = sa.table(
        'runs',
        sa.column('id', sa.String),
        sa.column('resolved_spec', sa.JSON),
        sa.column('created_at', UTC),
        sa.column('status', sa.String),
        sa.column('gpus_required', sa.Integer),
        sa.column('gpu_memory_required_mb', sa.Integer),
        sa.column('queued_at', UTC),
    )
    bind = op.get_bind()
    for run_id, spec, created_at, status in bind.execute(
        sa.select(runs.c.id, runs.c.resolved_spec, runs.c.created_at, runs.c.status)
    ):
        resources = (spec or {}).get('resources') or {}
        gpus = int(resources.get('gpus') or 0) if resources.get('device') == 'cuda' else 0
        estimate = (spec or {}).get('estimate') or {}
        memory_mb = int(round(float(estimate.get('total_gb') or 0) * 1000)) if gpus else 0
        values = {'gpus_required': gpus, 'gpu_memory_required_mb': memory_mb}
        if status == 'queued':
            values['queued_at'] = created_at
        bind.execute(sa.update(runs).where(runs.c.id == run_id).values(**values))


def downgrade() -> None:
    op.drop_index(op.f('ix_runs_assigned_worker'), table_name='runs')
    with op.batch_alter_table('runs', schema=None, recreate='never') as batch_op:
        for column in (
            'requeue_on_pause', 'wait_reason', 'queue_position', 'assigned_at', 'assigned_gpus', 'assigned_worker',
            'queued_at', 'priority', 'gpu_memory_required_mb', 'gpus_required',
        ):
            batch_op.drop_column(column)
    op.drop_table('scheduler_lock')
    op.drop_table('user_quotas')
    op.drop_index(op.f('ix_workers_last_heartbeat_at'), table_name='workers')
    op.drop_table('workers')
