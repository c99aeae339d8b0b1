"""Episodes say whether the person gave the start day themselves or the app worked it out
from a check ("how many days ago"): only a day the person gave limits their entries' dates.

Revision ID: 0300_episode_start_given
Revises: 0210_second_factor
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0300_episode_start_given"
down_revision = "0210_second_factor"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Episodes made before this do not say who set their start: false, so no entry a person
    # writes is refused because of a day they may never have given.
    with op.batch_alter_table("episodes") as batch:
        batch.add_column(sa.Column("start_given", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("episodes") as batch:
        batch.drop_column("start_given")
