"""Imports every module that declares tables on ``Base`` so that ``create_schema`` and migrations see them.

Add one import line per domain module that declares tables.
"""
import tools.career.packs.tables  # noqa: F401  (knowledge packs)
import tools.catalog.tables  # noqa: F401  (training and job catalogs)
import tools.consent.tables  # noqa: F401  (consent ledger: recipients, notices, consents, events, receipts)
import tools.counselling.accounts  # noqa: F401  (counsellor accounts and sessions)
import tools.counselling.notes  # noqa: F401  (counsellor notes)
import tools.identity.tables  # noqa: F401  (person credentials and pseudonymous references)
import tools.organisations.tables  # noqa: F401  (organisation accounts, API keys, traces)
import tools.profile.table  # noqa: F401  (profiles)
import tools.sharing  # noqa: F401  (share log)
import tools.statistics  # noqa: F401  (territory statistics contributions)
import tools.storage.rate_limits  # noqa: F401  (API key request counts shared by the workers)
import tools.transcripts  # noqa: F401  (conversation transcripts)
