"""The second factor in use: sessions record how many factors they were made with, recovery
codes are hashed with argon2id (longer than SHA-256's 64 characters), and a log of the
security events of each account.

Revision ID: 0210_second_factor
Revises: 0200_clinic_security
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0210_second_factor"
down_revision = "0200_clinic_security"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Sessions made before this had the password only.
    with op.batch_alter_table("user_sessions") as batch:
        batch.add_column(sa.Column("factors", sa.SmallInteger(), nullable=False, server_default=sa.text("1")))
    with op.batch_alter_table("recovery_codes") as batch:
        batch.alter_column("code_hash", existing_type=sa.String(length=64), type_=sa.String(length=200),
                           existing_nullable=False)
    op.create_table(
        "security_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("what", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_security_events_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_security_events")),
    )
    op.create_index("ix_security_events_user_at", "security_events", ["user_id", "at"])


def downgrade() -> None:
    op.drop_table("security_events")
    # An argon2 hash does not fit the old column: the codes go, as after a reset.
    op.execute("DELETE FROM recovery_codes")
    with op.batch_alter_table("recovery_codes") as batch:
        batch.alter_column("code_hash", existing_type=sa.String(length=200), type_=sa.String(length=64),
                           existing_nullable=False)
    with op.batch_alter_table("user_sessions") as batch:
        batch.drop_column("factors")
