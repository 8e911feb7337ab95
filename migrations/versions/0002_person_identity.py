"""person identity: hashed bearer tokens and resume codes, pseudonymous references per recipient

Revision ID: 0002_person_identity
Revises: 0001
Create Date: 2026-12-06 15:10:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002_person_identity'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('person_credentials',
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('person_id', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('digest')
    )
    with op.batch_alter_table('person_credentials', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_credentials_person_id'), ['person_id'], unique=False)

    op.create_table('person_pseudonyms',
    sa.Column('ref', sa.String(length=64), nullable=False),
    sa.Column('audience', sa.String(length=64), nullable=False),
    sa.Column('person_id', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('ref')
    )
    with op.batch_alter_table('person_pseudonyms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_pseudonyms_audience'), ['audience'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_pseudonyms_person_id'), ['person_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('person_pseudonyms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_pseudonyms_person_id'))
        batch_op.drop_index(batch_op.f('ix_person_pseudonyms_audience'))
    op.drop_table('person_pseudonyms')
    with op.batch_alter_table('person_credentials', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_credentials_person_id'))
    op.drop_table('person_credentials')
