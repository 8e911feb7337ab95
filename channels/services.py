"""The composition root's wiring: builds each long-lived service once, from one Settings object.

Each service is a lazily built cached property so that a CLI command only loads what it uses
(e.g. ``orient translate`` never loads the embedding model). Models are built here and injected.
"""

from __future__ import annotations

from functools import cached_property

from channels.settings import Settings
from tools.storage.database import Database


class Services:
    def __init__(self, settings: Settings):
        self.settings = settings

    @cached_property
    def database(self) -> Database:
        db = Database(self.settings.resolved_database_url)
        db.create_schema()
        return db

    @cached_property
    def transcripts(self):
        from tools.transcripts import TranscriptStore

        return TranscriptStore(self.database)

    @cached_property
    def counsellors(self):
        from tools.counselling.accounts import CounsellorDirectory

        return CounsellorDirectory(self.database)

    @cached_property
    def counsellor_notes(self):
        from tools.counselling.notes import NoteBook

        return NoteBook(self.database)
