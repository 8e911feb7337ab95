"""The one settings object, read once at a composition root (CLI entry, app factory) and passed down.

Every field can be set by an environment variable prefixed ``ORIENT_`` (for example
``ORIENT_DATA_DIR``) or in a ``.env`` file in the working directory.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ORIENT_", env_file=".env", extra="ignore")

    # Reference data (ESCO, ROME, O*NET, crosswalks, catalogs): read-only, never copied into git.
    data_dir: Path = Field(default=Path("../shared/data"))
    # Everything Orient writes: knowledge base, vector index, databases, keys, caches.
    storage_dir: Path = Field(default=Path("var"))
    # SQLAlchemy URL for profiles, consents, events and organisations; empty = SQLite under storage_dir.
    database_url: str = ""
    # LangGraph checkpoints; empty = SQLite under storage_dir (or Postgres when database_url is Postgres).
    checkpoint_url: str = ""
    # Chroma server ("http://host:port"); empty = embedded persistent Chroma under storage_dir.
    chroma_url: str = ""
    # Machine cache of what depends only on the model and the texts (label vectors, their Chroma
    # index, the linker's vectors), shared by every storage folder of this machine as pip's and
    # Hugging Face's caches are: "auto" = $XDG_CACHE_HOME/orient (else ~/.cache/orient); "off" =
    # everything under storage_dir; or a folder.
    cache_dir: str = "auto"

    languages: list[str] = Field(default_factory=lambda: ["en", "fr"])
    default_language: str = "en"

    # Optional OpenAI-compatible endpoint; empty base_url = no LLM, fully offline.
    llm_base_url: str = ""
    llm_api_key: str = "not-needed"
    llm_model: str = ""
    llm_timeout_s: float = 8.0

    # Torch threads for the embedding model. One per process: on a 2-core machine shared with the
    # web server and other workers, 2 threads measured 5-10x slower per query than 1 (oversubscription).
    torch_threads: int = 1
    # Worker processes for large encoding jobs (0 = one per CPU core): a knowledge build, and the
    # descriptions the linker encodes once at its first start. Such a job has the machine to
    # itself, and one single-threaded process per core scales best.
    build_processes: int = 0
    # Sentence encoder: "auto" = the model `orient knowledge train-encoder` saved under
    # storage_dir/models/esco-minilm when there is one, else the stock all-MiniLM-L6-v2; "stock" =
    # always the stock model; or the folder of a trained model. Changing it re-embeds the labels.
    encoder: str = "auto"

    # Telegram: empty token = bot disabled.
    telegram_token: str = ""
    telegram_base_url: str = ""  # e.g. a local fake Bot API for tests
    telegram_webhook_secret: str = ""
    telegram_mode: str = "polling"  # polling | webhook
    telegram_webhook_url: str = ""  # public https URL of /telegram/webhook (webhook mode)

    # Embeddable widget: which recommendation kind shows where (YAML); empty = the bundled example rules.
    widget_rules_path: Path | None = None
    # Serve the HTTP app with warm-up done before accepting requests (False = warm up in the background).
    warm_up_before_serving: bool = True

    host: str = "127.0.0.1"
    port: int = 8000
    max_message_chars: int = 4000
    # The address people reach this server at (e.g. "https://orient.example.org"); an https URL
    # makes the console cookie Secure even behind a proxy that terminates TLS.
    public_url: str = ""

    # Demo counsellor account and demo recipients, for trying Orient locally (`make run` sets it).
    # Off by default: a deployment has only the accounts and recipients its operator creates.
    demo: bool = False

    # Request limits, enforced before a body is parsed: bytes of one request body (organisation
    # catalog and pack uploads get max_upload_bytes), answered 413 beyond.
    max_body_bytes: int = 1_048_576
    max_upload_bytes: int = 51 * 1_048_576  # an upload is up to 50 MB (tools.organisations.uploads), plus its form
    # Per client address and minute (429 with Retry-After beyond): conversations started, messages
    # sent, failed console logins (also counted per account name). Generous for a shared address.
    conversation_starts_per_minute: int = 60
    messages_per_minute: int = 120
    failed_logins_per_minute: int = 20
    failed_logins_per_account_per_minute: int = 5

    @property
    def knowledge_dir(self) -> Path:
        return self.storage_dir / "knowledge"

    @property
    def machine_cache(self) -> Path | None:
        """The machine cache folder, or None when it is off."""
        import os

        if self.cache_dir == "off":
            return None
        if self.cache_dir != "auto":
            return Path(self.cache_dir)
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "orient"

    @property
    def encode_processes(self) -> int:
        import os

        return self.build_processes or os.cpu_count() or 1

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.storage_dir / 'orient.sqlite3').resolve()}"

    @property
    def resolved_checkpoint_url(self) -> str:
        if self.checkpoint_url:
            return self.checkpoint_url
        if self.database_url.startswith("postgresql"):
            return self.database_url
        return str((self.storage_dir / "checkpoints.sqlite3").resolve())
