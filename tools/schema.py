"""The relational schema: every module that declares tables on ``Base``, imported here and nowhere
else, so that ``metadata()`` holds them all. The composition roots call ``create_schema`` and the
migrations (``migrations/env.py``) read ``metadata()``; storage itself imports no domain.

Add one import line per domain module that declares tables.
"""

from __future__ import annotations

from sqlalchemy import MetaData

import tools.career.packs.tables  # noqa: F401  (knowledge packs)
import tools.catalog.tables  # noqa: F401  (training and job catalogs)
import tools.consent.tables  # noqa: F401  (consent ledger: recipients, notices, consents, events, receipts)
import tools.contributions  # noqa: F401  (territory statistics contributions)
import tools.counselling.accounts  # noqa: F401  (counsellor accounts and sessions)
import tools.counselling.notes  # noqa: F401  (counsellor notes)
import tools.identity.tables  # noqa: F401  (person credentials and pseudonymous references)
import tools.organisations.tables  # noqa: F401  (organisation accounts, API keys, traces)
import tools.profile.table  # noqa: F401  (profiles)
import tools.sharing  # noqa: F401  (share log)
import tools.storage.rate_limits  # noqa: F401  (API key request counts shared by the workers)
import tools.transcripts  # noqa: F401  (conversation transcripts)
from tools.storage.database import Base, Database
from tools.storage.migrations import upgrade


def metadata() -> MetaData:
    """``Base.metadata`` with every table above registered."""
    return Base.metadata


def create_schema(database: Database) -> list[str]:
    """Bring ``database`` to the latest migration (``alembic upgrade head``, see ``migrations/``).

    Safe to call from several processes at once (schema lock); tables or columns that the models
    declare beyond the migrations are added with a warning until the migrations are regenerated
    (``scripts/regen-migration.sh``), and returned.
    """
    return upgrade(database.engine, metadata())
