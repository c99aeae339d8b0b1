"""The diary: episodes, entries and saved assessments.

Revision ID: 0001_diary
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_diary"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "episodes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("onset", sa.String(length=20), nullable=True),
        sa.Column("trigger", sa.String(length=30), nullable=True),
        sa.Column("how", sa.Text(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_episodes")),
    )
    op.create_index(op.f("ix_episodes_person_id"), "episodes", ["person_id"])
    op.create_table(
        "diary_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("episode_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("pain_now", sa.SmallInteger(), nullable=False),
        sa.Column("pain_worst", sa.SmallInteger(), nullable=True),
        sa.Column("flares", sa.SmallInteger(), nullable=True),
        sa.Column("region", sa.String(length=20), nullable=True),
        sa.Column("leg_symptoms", sa.String(length=20), nullable=True),
        sa.Column("eased_by", sa.JSON(), nullable=False),
        sa.Column("worsened_by", sa.JSON(), nullable=False),
        sa.Column("activities", sa.JSON(), nullable=False),
        sa.Column("heat", sa.Boolean(), nullable=False),
        sa.Column("ice", sa.Boolean(), nullable=False),
        sa.Column("exercise_minutes", sa.Integer(), nullable=True),
        sa.Column("medicines", sa.JSON(), nullable=False),
        sa.Column("sleep", sa.String(length=20), nullable=True),
        sa.Column("impact", sa.String(length=20), nullable=True),
        sa.Column("new_findings", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["episode_id"], ["episodes.id"], name=op.f("fk_diary_entries_episode_id_episodes"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diary_entries")),
    )
    op.create_index(op.f("ix_diary_entries_episode_id"), "diary_entries", ["episode_id"])
    op.create_index("ix_diary_entries_person_at", "diary_entries", ["person_id", "at"])
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("episode_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("knowledge_version", sa.String(length=40), nullable=False),
        sa.Column("disposition", sa.String(length=20), nullable=False),
        sa.Column("assessment", sa.JSON(), nullable=False),
        sa.Column("triage", sa.JSON(), nullable=False),
        sa.Column("plan", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["episode_id"], ["episodes.id"], name=op.f("fk_assessments_episode_id_episodes"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessments")),
    )
    op.create_index(op.f("ix_assessments_episode_id"), "assessments", ["episode_id"])
    op.create_index(op.f("ix_assessments_person_id"), "assessments", ["person_id"])


def downgrade() -> None:
    op.drop_table("assessments")
    op.drop_table("diary_entries")
    op.drop_table("episodes")
