"""The agency's figures (lotse.figures.models): anonymous counters of conversations, how far
they are counted, and when a case was first taken.

Revision ID: 0003_conversation_figures
Revises: 0002_review_corrections
Create Date: 2026-12-03 15:00:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003_conversation_figures'
down_revision: str | Sequence[str] | None = '0002_review_corrections'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('conversation_figures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('region', sa.String(length=32), nullable=True),
    sa.Column('district', sa.String(length=64), nullable=True),
    sa.Column('metric', sa.String(length=24), nullable=False),
    sa.Column('value', sa.String(length=100), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_conversation_figures_day'), 'conversation_figures', ['day'], unique=False)
    op.create_table('figures_progress',
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('counted_until', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
    with op.batch_alter_table('handover_cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('handover_cases', schema=None) as batch_op:
        batch_op.drop_column('claimed_at')
    op.drop_table('figures_progress')
    op.drop_index(op.f('ix_conversation_figures_day'), table_name='conversation_figures')
    op.drop_table('conversation_figures')
