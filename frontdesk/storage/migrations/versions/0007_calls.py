"""overdue-fee calls

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 18:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import frontdesk.storage.base


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


_STATUSES = "'open', 'promised', 'escalated', 'unreachable', 'wrong_number', 'paid', 'broken', 'closed'"
_OUTCOMES = "'no_answer', 'wrong_number', 'refused', 'already_paid', 'promise'"


def upgrade() -> None:
    op.create_table('fee_call',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('amount_owed_fen', sa.BigInteger(), nullable=False),
    sa.Column('oldest_due', sa.Date(), nullable=False),
    sa.Column('scheduled_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_outcome', sa.String(length=16), nullable=False),
    sa.Column('last_attempt_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('promised_on', sa.Date(), nullable=True),
    sa.Column('promised_amount_fen', sa.BigInteger(), nullable=True),
    sa.Column('promised_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('escalation', sa.String(length=16), nullable=False),
    sa.Column('follow_up_of_id', sa.Integer(), nullable=True),
    sa.Column('visit_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_by', sa.String(length=32), nullable=False),
    sa.Column('created_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ended_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint(f"status IN ({_STATUSES})", name=op.f('ck_fee_call_status')),
    sa.CheckConstraint('attempts >= 0', name=op.f('ck_fee_call_attempts_not_negative')),
    sa.CheckConstraint('amount_owed_fen >= 0', name=op.f('ck_fee_call_amount_not_negative')),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_fee_call_household_id_household')),
    sa.ForeignKeyConstraint(['follow_up_of_id'], ['fee_call.id'], name=op.f('fk_fee_call_follow_up_of_id_fee_call')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_call'))
    )
    with op.batch_alter_table('fee_call', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fee_call_household_id'), ['household_id'], unique=False)
        batch_op.create_index('ix_fee_call_status_scheduled_at', ['status', 'scheduled_at'], unique=False)

    op.create_table('fee_call_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('staff_no', sa.String(length=32), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('promised_on', sa.Date(), nullable=True),
    sa.Column('promised_amount_fen', sa.BigInteger(), nullable=True),
    sa.Column('outside_window', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.CheckConstraint(f"outcome IN ({_OUTCOMES})", name=op.f('ck_fee_call_attempt_outcome')),
    sa.ForeignKeyConstraint(['call_id'], ['fee_call.id'], name=op.f('fk_fee_call_attempt_call_id_fee_call')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_call_attempt'))
    )
    with op.batch_alter_table('fee_call_attempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fee_call_attempt_call_id'), ['call_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('fee_call_attempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fee_call_attempt_call_id'))

    op.drop_table('fee_call_attempt')
    with op.batch_alter_table('fee_call', schema=None) as batch_op:
        batch_op.drop_index('ix_fee_call_status_scheduled_at')
        batch_op.drop_index(batch_op.f('ix_fee_call_household_id'))

    op.drop_table('fee_call')
