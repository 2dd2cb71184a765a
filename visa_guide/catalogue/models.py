"""SQLAlchemy tables of the visa catalogue."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


def _citations(owner_table: str, owner_key_type=Integer) -> Table:
    """An association table linking rows of `owner_table` to the sources they cite."""
    return Table(
        f"{owner_table}_sources",
        Base.metadata,
        Column("owner_id", owner_key_type, ForeignKey(f"{owner_table}.id", ondelete="CASCADE"), primary_key=True),
        Column("source_id", String(80), ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True),
    )


class Source(Base):
    __tablename__ = "sources"
    id = Column(String(80), primary_key=True)
    title = Column(Text, nullable=False)
    publisher = Column(String(200), nullable=False)
    url = Column(Text)
    reference = Column(Text)
    date = Column(Date)
    date_precision = Column(String(8), nullable=False, default="day")  # day | month | year
    official = Column(Boolean, nullable=False, default=False)


class Programme(Base):
    __tablename__ = "programmes"
    id = Column(String(80), primary_key=True)
    name = Column(String(200), nullable=False)
    category = Column(String(40), nullable=False)
    status = Column(String(20), nullable=False)
    summary = Column(Text, nullable=False)
    position = Column(Integer, nullable=False)
    criteria_json = Column(Text, nullable=False, default="{}")
    not_covered_json = Column(Text, nullable=False, default="[]")  # [[aspect, topic]]: asked, but not in my sources
    compare_with = Column(String(80), nullable=True)  # the programme it is most often compared with

    aliases = relationship("ProgrammeAlias", cascade="all, delete-orphan")
    facts = relationship("Fact", cascade="all, delete-orphan", order_by="Fact.position")
    not_published = relationship("NotPublished", cascade="all, delete-orphan")
    coverage = relationship("FieldCoverage", cascade="all, delete-orphan")


class ProgrammeAlias(Base):
    __tablename__ = "programme_aliases"
    id = Column(Integer, primary_key=True)
    programme_id = Column(String(80), ForeignKey("programmes.id", ondelete="CASCADE"), nullable=False, index=True)
    alias = Column(String(200), nullable=False)
    kind = Column(String(20), nullable=False, default="alias")  # alias | keyword (found in text, not an entity)


class Fact(Base):
    """One statement about a programme (or, with no programme, about the policy context)."""

    __tablename__ = "facts"
    id = Column(Integer, primary_key=True)
    programme_id = Column(String(80), ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    aspect = Column(String(40), nullable=False, index=True)
    topic = Column(String(200), nullable=False)
    position = Column(Integer, nullable=False)
    kind = Column(String(20), nullable=False, default="single")  # single | differ | change
    note = Column(Text)
    also_aspects = Column(String(200), nullable=False, default="")  # ",overview,": shown in those answers too
    to_check = Column(Boolean, nullable=False, default=False)  # a published rule the recommender shows "to check"
    in_summary = Column(Boolean, nullable=False, default=False)  # what the programme summary says
    asked_as_json = Column(Text, nullable=False, default="[]")  # ways people ask for it (the answer search)
    versions = relationship("FactVersion", cascade="all, delete-orphan", order_by="FactVersion.position")


class FactVersion(Base):
    """What one set of sources says; several versions of a fact mean the sources differ."""

    __tablename__ = "fact_versions"
    id = Column(Integer, primary_key=True)
    fact_id = Column(Integer, ForeignKey("facts.id", ondelete="CASCADE"), nullable=False, index=True)
    position = Column(Integer, nullable=False)
    text = Column(Text, nullable=False)
    status = Column(String(20), nullable=False)
    as_of = Column(Date)
    valid_from = Column(String(10))  # '2025', '2025-03' or '2025-03-05' for a rule that changed
    valid_until = Column(String(10))
    sources = relationship(Source, secondary=_citations("fact_versions"), order_by=Source.date)


class NotPublished(Base):
    __tablename__ = "not_published"
    id = Column(Integer, primary_key=True)
    programme_id = Column(String(80), ForeignKey("programmes.id", ondelete="CASCADE"), nullable=False, index=True)
    aspect = Column(String(40), nullable=False)
    topic = Column(String(200), nullable=False)


class Field(Base):
    __tablename__ = "fields"
    id = Column(String(80), primary_key=True)
    name = Column(String(200), nullable=False)
    aliases = relationship("FieldAlias", cascade="all, delete-orphan")


class FieldAlias(Base):
    __tablename__ = "field_aliases"
    id = Column(Integer, primary_key=True)
    field_id = Column(String(80), ForeignKey("fields.id", ondelete="CASCADE"), nullable=False, index=True)
    alias = Column(String(200), nullable=False)
    kind = Column(String(20), nullable=False, default="alias")  # alias | keyword (found in text, not an entity)


class FieldCoverage(Base):
    """How a programme covers a field, as a source states it."""

    __tablename__ = "field_coverage"
    id = Column(Integer, primary_key=True)
    programme_id = Column(String(80), ForeignKey("programmes.id", ondelete="CASCADE"), nullable=False, index=True)
    field_id = Column(String(80), ForeignKey("fields.id", ondelete="CASCADE"), nullable=False, index=True)
    text = Column(Text, nullable=False)
    status = Column(String(20), nullable=False)
    as_of = Column(Date)
    sources = relationship(Source, secondary=_citations("field_coverage"), order_by=Source.date)
    field = relationship(Field)


class Country(Base):
    __tablename__ = "countries"
    id = Column(Integer, primary_key=True)
    name = Column(String(200), nullable=False, unique=True)
    war_role = Column(String(20))
    note = Column(Text)
    aliases = relationship("CountryAlias", cascade="all, delete-orphan")
    sources = relationship(Source, secondary=_citations("countries"), order_by=Source.date)


class CountryAlias(Base):
    __tablename__ = "country_aliases"
    id = Column(Integer, primary_key=True)
    country_id = Column(Integer, ForeignKey("countries.id", ondelete="CASCADE"), nullable=False, index=True)
    alias = Column(String(200), nullable=False)
    kind = Column(String(20), nullable=False)  # name | alias | demonym


class Contact(Base):
    __tablename__ = "contacts"
    id = Column(String(80), primary_key=True)
    position = Column(Integer, nullable=False)
    name = Column(String(200), nullable=False)
    phone = Column(String(40))
    phone_abroad = Column(String(40))
    url = Column(Text)
    hours = Column(Text)
    languages = Column(Text)
    purpose = Column(Text)
    status = Column(String(20), nullable=False)
    as_of = Column(Date)
    sources = relationship(Source, secondary=_citations("contacts", String(80)), order_by=Source.date)


class CatalogueMeta(Base):
    """One row: the fingerprint of the YAML last loaded, so readers can notice a reload."""

    __tablename__ = "catalogue_meta"
    id = Column(Integer, primary_key=True)
    fingerprint = Column(String(64), nullable=False)


class CatalogueText(Base):
    """A piece of the catalogue in a translated language, keyed by the English entry's ids (translations.py)."""

    __tablename__ = "catalogue_texts"
    id = Column(Integer, primary_key=True)
    language = Column(String(16), nullable=False, index=True)
    entry = Column(String(20), nullable=False)  # programme | fact | not_published | not_covered | coverage | ...
    owner = Column(String(200), nullable=False)  # programme id ("" for the context), contact id, country name...
    key = Column(String(300), nullable=False)  # fact or gap topic, field id, label key; "" for the owner itself
    part = Column(String(20), nullable=False)  # name | summary | alias | topic | note | text | purpose | ...
    position = Column(Integer, nullable=False, default=0)  # the version (or alias) number
    text = Column(Text, nullable=False)
