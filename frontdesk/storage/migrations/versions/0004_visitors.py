"""visitor log

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 18:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import frontdesk.storage.base


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('visitor_visit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('phone_digits', sa.String(length=16), nullable=False),
    sa.Column('phone_reversed', sa.String(length=16), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=True),
    sa.Column('room_text', sa.String(length=64), nullable=False),
    sa.Column('purpose', sa.String(length=16), nullable=False),
    sa.Column('people', sa.Integer(), nullable=False),
    sa.Column('id_checked', sa.Boolean(), nullable=False),
    sa.Column('car_plate', sa.String(length=16), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('signed_in_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('signed_out_at', frontdesk.storage.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('auto_signed_out', sa.Boolean(), nullable=False),
    sa.Column('recorded_by', sa.String(length=32), nullable=False),
    sa.Column('signed_out_by', sa.String(length=32), nullable=False),
    sa.Column('anonymised', sa.Boolean(), nullable=False),
    sa.CheckConstraint("purpose IN ('fee', 'enquiry', 'complaint', 'repair', 'delivery', 'guest', 'contractor', 'other')", name=op.f('ck_visitor_visit_purpose')),
    sa.CheckConstraint('people >= 1', name=op.f('ck_visitor_visit_people_positive')),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_visitor_visit_room_id_room')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visitor_visit'))
    )
    with op.batch_alter_table('visitor_visit', schema=None) as batch_op:
        batch_op.create_index('ix_visitor_visit_name', ['name', 'signed_in_at'], unique=False)
        batch_op.create_index('ix_visitor_visit_phone_digits', ['phone_digits', 'signed_in_at'], unique=False)
        batch_op.create_index('ix_visitor_visit_phone_reversed', ['phone_reversed'], unique=False)
        batch_op.create_index(batch_op.f('ix_visitor_visit_room_id'), ['room_id'], unique=False)
        batch_op.create_index('ix_visitor_visit_room_text', ['room_text', 'signed_in_at'], unique=False)
        batch_op.create_index('ix_visitor_visit_signed_in_at_id', ['signed_in_at', 'id'], unique=False)
        batch_op.create_index('ix_visitor_visit_signed_out_at', ['signed_out_at', 'signed_in_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('visitor_visit', schema=None) as batch_op:
        batch_op.drop_index('ix_visitor_visit_signed_out_at')
        batch_op.drop_index('ix_visitor_visit_signed_in_at_id')
        batch_op.drop_index('ix_visitor_visit_room_text')
        batch_op.drop_index(batch_op.f('ix_visitor_visit_room_id'))
        batch_op.drop_index('ix_visitor_visit_phone_reversed')
        batch_op.drop_index('ix_visitor_visit_phone_digits')
        batch_op.drop_index('ix_visitor_visit_name')

    op.drop_table('visitor_visit')
