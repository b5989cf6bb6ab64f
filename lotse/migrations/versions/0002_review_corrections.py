"""The corrections staff make in the conversation review (lotse.review.models).

Revision ID: 0002_review_corrections
Revises: 0001
Create Date: 2026-12-03 14:20:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002_review_corrections'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('review_corrections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=600), nullable=False),
    sa.Column('intent', sa.String(length=100), nullable=False),
    sa.Column('origin_day', sa.Date(), nullable=False),
    sa.Column('corrected_by', sa.String(length=200), nullable=False),
    sa.Column('corrected_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_review_corrections_corrected_at'), 'review_corrections', ['corrected_at'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_review_corrections_corrected_at'), table_name='review_corrections')
    op.drop_table('review_corrections')
