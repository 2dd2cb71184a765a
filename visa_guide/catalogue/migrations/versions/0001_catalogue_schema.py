"""The catalogue schema as it was when migrations began (models.py at that time): every table.

Revision ID: 0001
Revises: None
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('catalogue_meta',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('contacts',
    sa.Column('id', sa.String(length=80), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('phone_abroad', sa.String(length=40), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('hours', sa.Text(), nullable=True),
    sa.Column('languages', sa.Text(), nullable=True),
    sa.Column('purpose', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('countries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('war_role', sa.String(length=20), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('fields',
    sa.Column('id', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('programmes',
    sa.Column('id', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('criteria_json', sa.Text(), nullable=False),
    sa.Column('not_covered_json', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('sources',
    sa.Column('id', sa.String(length=80), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('publisher', sa.String(length=200), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('reference', sa.Text(), nullable=True),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('date_precision', sa.String(length=8), nullable=False),
    sa.Column('official', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('contacts_sources',
    sa.Column('owner_id', sa.String(length=80), nullable=False),
    sa.Column('source_id', sa.String(length=80), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['contacts.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('owner_id', 'source_id')
    )
    op.create_table('countries_sources',
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.String(length=80), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['countries.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('owner_id', 'source_id')
    )
    op.create_table('country_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['country_id'], ['countries.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('country_aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_country_aliases_country_id'), ['country_id'], unique=False)

    op.create_table('facts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.String(length=80), nullable=True),
    sa.Column('aspect', sa.String(length=40), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('also_aspects', sa.String(length=200), nullable=False),
    sa.Column('to_check', sa.Boolean(), nullable=False),
    sa.Column('in_summary', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('facts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_facts_aspect'), ['aspect'], unique=False)
        batch_op.create_index(batch_op.f('ix_facts_programme_id'), ['programme_id'], unique=False)

    op.create_table('field_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('field_id', sa.String(length=80), nullable=False),
    sa.Column('alias', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['field_id'], ['fields.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('field_aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_field_aliases_field_id'), ['field_id'], unique=False)

    op.create_table('field_coverage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.String(length=80), nullable=False),
    sa.Column('field_id', sa.String(length=80), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['field_id'], ['fields.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('field_coverage', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_field_coverage_field_id'), ['field_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_field_coverage_programme_id'), ['programme_id'], unique=False)

    op.create_table('not_published',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.String(length=80), nullable=False),
    sa.Column('aspect', sa.String(length=40), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('not_published', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_not_published_programme_id'), ['programme_id'], unique=False)

    op.create_table('programme_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.String(length=80), nullable=False),
    sa.Column('alias', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('programme_aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_aliases_programme_id'), ['programme_id'], unique=False)

    op.create_table('fact_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fact_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=True),
    sa.Column('valid_from', sa.String(length=10), nullable=True),
    sa.Column('valid_until', sa.String(length=10), nullable=True),
    sa.ForeignKeyConstraint(['fact_id'], ['facts.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('fact_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fact_versions_fact_id'), ['fact_id'], unique=False)

    op.create_table('field_coverage_sources',
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.String(length=80), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['field_coverage.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('owner_id', 'source_id')
    )
    op.create_table('fact_versions_sources',
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.String(length=80), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['fact_versions.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('owner_id', 'source_id')
    )


def downgrade() -> None:
    op.drop_table('fact_versions_sources')
    op.drop_table('field_coverage_sources')
    with op.batch_alter_table('fact_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fact_versions_fact_id'))

    op.drop_table('fact_versions')
    with op.batch_alter_table('programme_aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_aliases_programme_id'))

    op.drop_table('programme_aliases')
    with op.batch_alter_table('not_published', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_not_published_programme_id'))

    op.drop_table('not_published')
    with op.batch_alter_table('field_coverage', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_field_coverage_programme_id'))
        batch_op.drop_index(batch_op.f('ix_field_coverage_field_id'))

    op.drop_table('field_coverage')
    with op.batch_alter_table('field_aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_field_aliases_field_id'))

    op.drop_table('field_aliases')
    with op.batch_alter_table('facts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_facts_programme_id'))
        batch_op.drop_index(batch_op.f('ix_facts_aspect'))

    op.drop_table('facts')
    with op.batch_alter_table('country_aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_country_aliases_country_id'))

    op.drop_table('country_aliases')
    op.drop_table('countries_sources')
    op.drop_table('contacts_sources')
    op.drop_table('sources')
    op.drop_table('programmes')
    op.drop_table('fields')
    op.drop_table('countries')
    op.drop_table('contacts')
    op.drop_table('catalogue_meta')
