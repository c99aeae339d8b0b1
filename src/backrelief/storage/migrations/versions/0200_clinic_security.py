"""Clinic security: shares asked for by email keep the address typed (and may match no
clinician), clinicians' second factor (TOTP) and their recovery codes (hashed).

Revision ID: 0200_clinic_security
Revises: 0100_clinic
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0200_clinic_security"
down_revision = "0100_clinic"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch: SQLite cannot alter a column in place; PostgreSQL runs plain ALTERs.
    with op.batch_alter_table("shares") as batch:
        batch.alter_column("clinician_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("requested_email", sa.String(length=254), nullable=True))
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("totp_secret", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("totp_confirmed_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("totp_last_step", sa.BigInteger(), nullable=True))
    op.create_table(
        "recovery_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_recovery_codes_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_codes")),
    )
    op.create_index(op.f("ix_recovery_codes_user_id"), "recovery_codes", ["user_id"])


def downgrade() -> None:
    op.drop_table("recovery_codes")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("totp_last_step")
        batch.drop_column("totp_confirmed_at")
        batch.drop_column("totp_secret")
    op.execute("DELETE FROM shares WHERE clinician_id IS NULL")
    with op.batch_alter_table("shares") as batch:
        batch.drop_column("requested_email")
        batch.alter_column("clinician_id", existing_type=sa.Integer(), nullable=False)
