"""The composition root's wiring: builds each long-lived service once, from one Settings object.

Each service is a lazily built cached property so that a CLI command only loads what it uses
(e.g. ``orient translate`` never loads the embedding model). Models are built here and injected.
"""

from __future__ import annotations

import gc
import logging
from functools import cached_property
from typing import TYPE_CHECKING

from channels.settings import Settings
from tools.storage.database import Database

if TYPE_CHECKING:  # the services are built on first use: their modules are imported there
    from agent.acts.reader import ActReader
    from agent.llm import LLMClient
    from agent.runtime import Agent
    from agent.toolbox import CareerTools
    from knowledge.base import KnowledgeBase
    from tools.consent import ConsentService
    from tools.linking import SkillLinker
    from tools.privacy import ErasureRegistry
    from tools.profile.store import ProfileStore
    from tools.sharing import Sharing


log = logging.getLogger(__name__)


class Services:
    def __init__(self, settings: Settings):
        self.settings = settings

    def warm_up(self) -> None:
        """Load what the first turns need, so that no person waits for it: the knowledge base, the
        linker's per-language indexes and embedding model, the agent graph, and what the career
        tools build on first use, the catalogs and their Chroma index among them (the first French
        plan of the shared evals took 2.4 s, its moves 0.35 s)."""
        _ = self.knowledge_base
        self.linker.warm_up(tuple(self.settings.languages))
        _ = self.agent
        try:
            self.career.warm_up(tuple(self.settings.languages))
        except Exception as error:  # noqa: BLE001  (the first moves or plan try again; the service starts all the same)
            log.warning("career tools' warm-up failed (%s); the first plan will load what it needs", type(error).__name__)
        # What is loaded now lives as long as the process: out of the collector's sight, a full
        # collection no longer walks millions of knowledge-base objects (0.8 s, in the middle of a turn)
        gc.collect()
        gc.freeze()

    @cached_property
    def database(self) -> Database:
        from tools.schema import create_schema  # every domain's tables

        db = Database(self.settings.resolved_database_url)
        create_schema(db)
        return db

    @cached_property
    def conversation_locks(self):
        """One turn at a time per conversation across the worker processes sharing the database."""
        from tools.storage.conversation_locks import ConversationLocks

        return ConversationLocks(self.database)

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

    # -- knowledge (H1) ------------------------------------------------------------------------
    @cached_property
    def encoder_dir(self):
        """The fine-tuned encoder's folder (``ORIENT_ENCODER``), or None for the stock model."""
        from knowledge.finetune import resolve_encoder

        return resolve_encoder(self.settings.encoder, self.settings.storage_dir)

    @property
    def embedder_name(self) -> str:
        """The embedder's cache identity, known without loading the model."""
        from knowledge.embeddings import minilm_name

        return minilm_name(model_dir=self.encoder_dir)

    @cached_property
    def embedder(self):
        """The sentence embedder (all-MiniLM-L6-v2 from its PyPI package, or the copy fine-tuned by
        ``orient knowledge train-encoder`` when ``encoder_dir`` names one): requests encode on
        ``torch_threads`` threads in this process; large one-off jobs (a knowledge build, the
        descriptions the linker encodes at its first start) in ``build_processes`` worker processes."""
        from knowledge.embeddings import load_minilm

        return load_minilm(threads=self.settings.torch_threads, processes=self.settings.encode_processes,
                           model_dir=self.encoder_dir)

    @cached_property
    def knowledge_base(self) -> KnowledgeBase:
        """The knowledge base, loaded from storage; built first when missing or its inputs changed."""
        import logging

        from knowledge.base import KnowledgeBase
        from knowledge.build import build_knowledge, current_build, is_up_to_date
        from knowledge.errors import KnowledgeSourceError

        s = self.settings
        try:
            fresh = is_up_to_date(s.data_dir, s.knowledge_dir, self.embedder_name)
        except KnowledgeSourceError as error:
            if current_build(s.knowledge_dir) is None:
                raise
            # a deployment may ship the built knowledge base without the reference data
            logging.getLogger(__name__).warning("reference data unavailable (%s): using the built knowledge base", error)
            fresh = True
        if not fresh:
            build_knowledge(s.data_dir, s.knowledge_dir, self.embedder, progress=True, cache_dir=s.machine_cache)
        return KnowledgeBase.load(s.knowledge_dir)

    @property
    def knowledge(self):
        """Alias of :attr:`knowledge_base`."""
        return self.knowledge_base

    @cached_property
    def label_index(self):
        """The Chroma index of label embeddings (embedded, or a Chroma server when chroma_url is set)."""
        from knowledge.index import LabelIndex

        self.knowledge_base  # built and current before the index is opened
        index = LabelIndex.open(self.settings.knowledge_dir, self.settings.chroma_url, progress=True)
        if self.settings.chroma_url:  # a server: it must hold this build's index (`orient index publish`)
            from knowledge.index_server import check_published

            check_published(index.client, str(self.knowledge_base.info().get("vectors_key")), self.settings.chroma_url)
        return index

    @cached_property
    def linker(self) -> SkillLinker:
        """The skill/occupation linking engine over the knowledge base and the embedder (H2)."""
        from tools.linking import SkillLinker

        return SkillLinker(self.knowledge_base, self.embedder, None)

    # -- career: catalogs and knowledge packs (H6) ----------------------------------------------
    @cached_property
    def catalog(self):
        """Training and job catalogs; the shared samples are imported on first use (out of the box)."""
        store = self._catalog_store()
        store.ensure_defaults(self.settings.data_dir, progress=True)
        return store

    def _catalog_store(self):
        from tools.catalog.store import CatalogStore

        # Free-text skills of a catalog are linked in one embedding batch (the linker and embedder, built on first need).
        return CatalogStore(self.database, kb=self.knowledge_base, linker=lambda: self.linker,
                            embedder=lambda: self.embedder)

    @cached_property
    def packs(self):
        """The knowledge packs in force (employer, university, regional); ``packs.active()`` for the rankers."""
        from tools.career.packs.registry import PackRegistry

        # A store of its own: loading a pack writes its courses without first importing the samples.
        return PackRegistry(self.database, kb=self.knowledge_base, catalog=self._catalog_store())

    @cached_property
    def catalog_retrieval(self):
        """Courses and job offers found by meaning: the catalog's records in Chroma (the server of
        ``chroma_url``, beside the label index; else an embedded store under storage_dir/catalog, apart
        from the knowledge build's own index so a rebuild never touches it)."""
        from knowledge.index import open_client
        from tools.catalog.index import CatalogRetrieval

        s = self.settings
        return CatalogRetrieval(lambda: open_client(s.storage_dir / "catalog", s.chroma_url), lambda: self.embedder,
                                self.embedder_name)

    @property
    def pack(self):
        """What the career rankers take as ``pack``: the registry, read at each call (so a new pack applies at once)."""
        return self.packs

    # -- profile (H7) --------------------------------------------------------------------------
    @cached_property
    def profiles(self) -> ProfileStore:
        """The people's skills profiles (listed in PERSONAL_DATA_STORES: export and erase)."""
        from tools.profile.store import ProfileStore

        return ProfileStore(self.database)

    # -- consent, sharing, privacy, organisations (H3) ---------------------------------------
    @cached_property
    def consents(self) -> ConsentService:
        """The consent ledger; its Ed25519 receipt-signing key lives under ``storage_dir/keys``."""
        from tools.consent import ConsentService, ReceiptSigner

        # demo recipients only when the operator asks for them (ORIENT_DEMO=true)
        return ConsentService(self.database, ReceiptSigner.from_key_dir(self.settings.storage_dir / "keys"),
                              pseudonyms=self.pseudonyms,
                              seed_demo=self.settings.demo)

    # -- identity: the person's secrets and the references recipients get (issue 17) ---------------
    @cached_property
    def identity(self):
        """The person's bearer tokens and resume codes (keyed hashes under ``keys/person-credentials.key``)."""
        from tools.identity import PersonCredentials, load_key

        return PersonCredentials(self.database, load_key(self.settings.storage_dir, "person-credentials.key"))

    @cached_property
    def pseudonyms(self):
        """Per-recipient pseudonymous references of people (``keys/pseudonyms.key``)."""
        from tools.identity import Pseudonyms, load_key

        return Pseudonyms(self.database, load_key(self.settings.storage_dir, "pseudonyms.key"))

    @cached_property
    def telegram_id_secret(self) -> bytes:
        """The secret that turns a Telegram user id into an opaque conversation id."""
        from tools.identity import load_key

        return load_key(self.settings.storage_dir, "telegram-ids.key")

    @cached_property
    def disclosure(self):
        """The one place that decides and performs every disclosure to a recipient."""
        from tools.disclosure import Discloser

        return Discloser(self.sharing, self.profiles, self.transcripts)

    @cached_property
    def consent_preferences(self):
        from tools.consent import ConsentPreferences

        return ConsentPreferences(self.consents)

    @cached_property
    def sharing(self) -> Sharing:
        from tools.sharing import Sharing

        return Sharing(self.consents)

    @cached_property
    def statistics(self):
        from tools.statistics import StatisticsService

        return StatisticsService(self.sharing)

    @cached_property
    def organisations(self):
        from tools.organisations import OrganisationService
        from tools.storage.rate_limits import DatabaseRateLimiter

        # API-key rate limits counted in the database: one count per key across all API workers
        return OrganisationService(self.consents, limiter=DatabaseRateLimiter(self.database))

    @cached_property
    def traces(self):
        from tools.organisations.traces import TraceService

        profiles = self.profiles
        label = None
        if self.settings.knowledge_dir.is_dir():
            label = lambda uri, lang: self.knowledge_base.label(uri, lang)  # noqa: E731  (loaded on first use)
        return TraceService(self.consents, profiles, label=label)

    # -- the agent (H4) ------------------------------------------------------------------------
    @cached_property
    def checkpointer(self):
        """LangGraph checkpoints of every conversation: SQLite file by default."""
        from agent.checkpointing import open_checkpointer

        return open_checkpointer(self.settings.resolved_checkpoint_url)

    @cached_property
    def checkpoints(self):
        """The conversations as a privacy-registry store (count / export / erase a person's thread)."""
        from agent.checkpointing import ConversationCheckpoints

        # checkpoints in the relational database (PostgreSQL) are erased in the erasure's transaction
        shared = self.settings.resolved_checkpoint_url == self.settings.resolved_database_url
        return ConversationCheckpoints(self.checkpointer, database=self.database if shared else None)

    @cached_property
    def llm(self) -> LLMClient | None:
        """The optional OpenAI-compatible client; None when no endpoint is configured (offline)."""
        from agent.llm import build_llm

        s = self.settings
        return build_llm(s.llm_base_url, s.llm_api_key, s.llm_model, s.llm_timeout_s)

    @cached_property
    def act_reader(self) -> ActReader:
        """Reads each message into dialogue acts: the act classifier over the embedder (trained by
        ``orient knowledge build``, else on first use, under storage_dir/acts) and the LLM if configured."""
        from agent.acts.classifier import ensure_classifier
        from agent.acts.reader import ActReader

        classifier, _ = ensure_classifier(self.embedder, self.settings.storage_dir, self.embedder_name)
        return ActReader(classifier, llm=self.llm)

    @cached_property
    def career(self) -> CareerTools:
        """Career moves, gap, trainings, jobs and access routes over the knowledge base and catalogs."""
        from agent.toolbox import CareerTools

        return CareerTools(self.knowledge_base, self.catalog, pack=self.pack, retrieval=self.catalog_retrieval)

    @cached_property
    def agent(self) -> Agent:
        """The conversation agent, wired to the knowledge base, linker, stores and career tools."""
        from agent.context import AgentContext
        from agent.runtime import Agent

        kb = self.knowledge_base
        context = AgentContext(
            kb=kb,
            linker=self.linker,
            profiles=self.profiles,
            consents=self.consents,
            sharing=self.sharing,
            # the chat's shares go through the one discloser: exactly the categories the consent covers
            # (the conversation itself only when the person picked it: never by default)
            disclosure=self.disclosure,
            career=self.career,
            llm=self.llm,
            reader=self.act_reader,
            privacy=self.privacy,
            languages=tuple(self.settings.languages),
            default_language=self.settings.default_language,
            max_message_chars=self.settings.max_message_chars,
        )
        return Agent(context, self.checkpointer)

    @cached_property
    def privacy(self) -> ErasureRegistry:
        """Every store holding personal data, for export / erase / "what do you know about me"."""
        from tools.privacy import ErasureRegistry

        registry = ErasureRegistry()
        for name in PERSONAL_DATA_STORES:
            registry.register_store(name, getattr(self, name))
        return registry


# Services properties whose object holds personal data and has erase / export_person / count
# (see tools/privacy.py). Add yours here.
PERSONAL_DATA_STORES = ("profiles", "checkpoints", "transcripts", "counsellor_notes", "consents", "sharing",
                        "statistics", "traces", "pseudonyms", "identity")
