"""home fee-collection visits

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 18:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import frontdesk.storage.base


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('home_visit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('scheduled_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('booked_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('booked_by', sa.String(length=32), nullable=False),
    sa.Column('expected_fen', sa.BigInteger(), nullable=False),
    sa.Column('reason', sa.String(length=16), nullable=False),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('source_call_id', sa.Integer(), nullable=True),
    sa.Column('same_day', sa.Boolean(), nullable=False),
    sa.Column('same_day_reason', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('confirmed_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('confirmed_by', sa.String(length=32), nullable=True),
    sa.Column('departure_call', sa.String(length=16), nullable=False),
    sa.Column('departure_call_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('checklist', sa.Text(), nullable=False),
    sa.Column('out_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('outcome_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('outcome_by', sa.String(length=32), nullable=True),
    sa.Column('collected_fen', sa.BigInteger(), nullable=True),
    sa.Column('payment_id', sa.Integer(), nullable=True),
    sa.Column('receipt_no', sa.String(length=32), nullable=False),
    sa.Column('cancel_reason', sa.Text(), nullable=False),
    sa.Column('rescheduled_from_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("status IN ('booked', 'confirmed', 'out', 'done', 'not_home', 'rescheduled', 'cancelled')", name=op.f('ck_home_visit_status')),
    sa.CheckConstraint("reason IN ('owner_asked', 'transfer_receipt', 'overdue')", name=op.f('ck_home_visit_reason')),
    sa.CheckConstraint("source IN ('desk', 'phone', 'call')", name=op.f('ck_home_visit_source')),
    sa.CheckConstraint('expected_fen >= 0', name=op.f('ck_home_visit_expected_fen')),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_home_visit_household_id_household')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_home_visit_staff_id_staff')),
    sa.ForeignKeyConstraint(['payment_id'], ['payment.id'], name=op.f('fk_home_visit_payment_id_payment')),
    sa.ForeignKeyConstraint(['rescheduled_from_id'], ['home_visit.id'], name=op.f('fk_home_visit_rescheduled_from_id_home_visit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_home_visit'))
    )
    with op.batch_alter_table('home_visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_home_visit_household_id'), ['household_id'], unique=False)
        batch_op.create_index('ix_home_visit_staff_scheduled', ['staff_id', 'scheduled_at'], unique=False)
        batch_op.create_index('ix_home_visit_status_scheduled', ['status', 'scheduled_at'], unique=False)

    op.create_table('home_visit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('by_staff_no', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=False),
    sa.Column('to_status', sa.String(length=16), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['visit_id'], ['home_visit.id'], name=op.f('fk_home_visit_event_visit_id_home_visit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_home_visit_event'))
    )
    with op.batch_alter_table('home_visit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_home_visit_event_visit_id'), ['visit_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('home_visit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_home_visit_event_visit_id'))

    op.drop_table('home_visit_event')
    with op.batch_alter_table('home_visit', schema=None) as batch_op:
        batch_op.drop_index('ix_home_visit_status_scheduled')
        batch_op.drop_index('ix_home_visit_staff_scheduled')
        batch_op.drop_index(batch_op.f('ix_home_visit_household_id'))

    op.drop_table('home_visit')
