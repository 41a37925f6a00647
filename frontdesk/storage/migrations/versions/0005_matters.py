"""matters (complaints, enquiries, repairs, messages)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 18:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import frontdesk.storage.base


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('matter_counter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('prefix', sa.String(length=8), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matter_counter')),
    sa.UniqueConstraint('prefix', 'year', name=op.f('uq_matter_counter_prefix'))
    )
    op.create_table('matter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('category', sa.String(length=24), nullable=False),
    sa.Column('complexity', sa.String(length=16), nullable=True),
    sa.Column('valid', sa.Boolean(), nullable=True),
    sa.Column('household_id', sa.Integer(), nullable=True),
    sa.Column('room_code', sa.String(length=48), nullable=False),
    sa.Column('contact_name', sa.String(length=64), nullable=False),
    sa.Column('contact_phone', sa.String(length=32), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('visitor_visit_id', sa.Integer(), nullable=True),
    sa.Column('raised_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('taken_by_id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('deadline_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('first_deadline_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('attend_deadline_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('attended_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('late_minutes', sa.Integer(), nullable=False),
    sa.Column('reopen_count', sa.Integer(), nullable=False),
    sa.Column('resolved_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('resolution', sa.Text(), nullable=False),
    sa.Column('callback_due_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('called_back_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('satisfaction', sa.String(length=16), nullable=True),
    sa.Column('closed_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('updated_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('complaint', 'enquiry', 'repair', 'message')", name=op.f('ck_matter_kind')),
    sa.CheckConstraint("status IN ('new', 'in_progress', 'resolved', 'called_back', 'closed')", name=op.f('ck_matter_status')),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_matter_household_id_household')),
    sa.ForeignKeyConstraint(['owner_id'], ['staff.id'], name=op.f('fk_matter_owner_id_staff')),
    sa.ForeignKeyConstraint(['taken_by_id'], ['staff.id'], name=op.f('fk_matter_taken_by_id_staff')),
    sa.ForeignKeyConstraint(['visitor_visit_id'], ['visitor_visit.id'], name=op.f('fk_matter_visitor_visit_id_visitor_visit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matter')),
    sa.UniqueConstraint('number', name=op.f('uq_matter_number'))
    )
    with op.batch_alter_table('matter', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matter_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_matter_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_matter_raised_at'), ['raised_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_matter_visitor_visit_id'), ['visitor_visit_id'], unique=False)
        batch_op.create_index('ix_matter_status_callback', ['status', 'callback_due_at'], unique=False)
        batch_op.create_index('ix_matter_status_deadline', ['status', 'deadline_at'], unique=False)

    op.create_table('matter_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('matter_id', sa.Integer(), nullable=False),
    sa.Column('at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=32), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=False),
    sa.Column('to_status', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['matter_id'], ['matter.id'], name=op.f('fk_matter_event_matter_id_matter')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matter_event'))
    )
    with op.batch_alter_table('matter_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matter_event_matter_id'), ['matter_id'], unique=False)

    op.create_table('staff_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('to_staff_id', sa.Integer(), nullable=False),
    sa.Column('taken_by_id', sa.Integer(), nullable=False),
    sa.Column('taken_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('caller_name', sa.String(length=64), nullable=False),
    sa.Column('callback_phone', sa.String(length=32), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('read_back', sa.Boolean(), nullable=False),
    sa.Column('read_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['taken_by_id'], ['staff.id'], name=op.f('fk_staff_message_taken_by_id_staff')),
    sa.ForeignKeyConstraint(['to_staff_id'], ['staff.id'], name=op.f('fk_staff_message_to_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_message'))
    )
    with op.batch_alter_table('staff_message', schema=None) as batch_op:
        batch_op.create_index('ix_staff_message_to_read', ['to_staff_id', 'read_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('staff_message', schema=None) as batch_op:
        batch_op.drop_index('ix_staff_message_to_read')

    op.drop_table('staff_message')
    with op.batch_alter_table('matter_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matter_event_matter_id'))

    op.drop_table('matter_event')
    with op.batch_alter_table('matter', schema=None) as batch_op:
        batch_op.drop_index('ix_matter_status_deadline')
        batch_op.drop_index('ix_matter_status_callback')
        batch_op.drop_index(batch_op.f('ix_matter_visitor_visit_id'))
        batch_op.drop_index(batch_op.f('ix_matter_raised_at'))
        batch_op.drop_index(batch_op.f('ix_matter_owner_id'))
        batch_op.drop_index(batch_op.f('ix_matter_household_id'))

    op.drop_table('matter')
    op.drop_table('matter_counter')
