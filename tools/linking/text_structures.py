"""The text-side search structures of a set of label strings (TF-IDF index, exact phrases, label
coverage), and their cache on disk.

Building them for the real knowledge base takes about 6 s per kind and language (the TF-IDF
vocabulary and the word stems are computed in Python), which every process paid at start-up and
every ``orient link`` call paid again. They depend only on the label strings, so they are cached
beside the knowledge base (``<knowledge>/linking-cache/structures-<key>.pkl``), keyed by the
strings, their owners, this module's version and scikit-learn's; a cached copy loads in under a
second. The cache lives in the storage folder, as trusted as the knowledge base itself (it is a
pickle: never point the storage folder at files from elsewhere).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from knowledge.cache_files import digest_texts, prune_oldest, write_atomically
from tools.linking.label_strings import LabelStrings
from tools.linking.lexical import LexicalIndex
from tools.linking.ontology_rerank import STOPWORDS, CoverageScorer
from tools.linking.phrases import PhraseMatcher

log = logging.getLogger(__name__)

STRUCTURES_VERSION = 1  # bump when LexicalIndex, PhraseMatcher or CoverageScorer change what they hold
KEEP = 8  # cached entries kept: 2 kinds x 2 languages, for this build and the one before


@dataclass
class TextStructures:
    lexical: LexicalIndex
    phrases: PhraseMatcher
    coverage: CoverageScorer

    @classmethod
    def build(cls, strings: LabelStrings) -> TextStructures:
        return cls(
            lexical=LexicalIndex(strings.texts),
            phrases=PhraseMatcher(strings.texts, strings.owner.tolist(), strings.preferred.tolist(), stopwords=STOPWORDS),
            coverage=CoverageScorer(strings.texts, strings.owner, strings.n_concepts),
        )

    @classmethod
    def cached(cls, strings: LabelStrings, cache_dir: Path | None) -> TextStructures:
        """From ``cache_dir`` when an entry for exactly these strings is there, else built (and
        written there). A damaged entry is rebuilt; a cache that cannot be written is skipped."""
        if cache_dir is None:
            return cls.build(strings)
        path = Path(cache_dir) / f"structures-{structures_key(strings)}.pkl"
        if path.is_file():
            try:
                with path.open("rb") as handle:
                    found = pickle.load(handle)
                if isinstance(found, cls):
                    os.utime(path)
                    return found
                log.warning("linking cache entry %s holds something else: rebuilding it", path.name)
            except Exception as error:  # a truncated or foreign file: rebuild it, never fail a start
                log.warning("linking cache entry %s unreadable (%s): rebuilding it", path.name, type(error).__name__)
        built = cls.build(strings)
        try:
            _write(path, built)
            prune_oldest(path.parent, "structures-*.pkl", KEEP)
        except OSError as error:
            log.warning("linking cache not written (%s)", error)
        return built


def structures_key(strings: LabelStrings) -> str:
    import sklearn

    digest = hashlib.sha256(f"structures:{STRUCTURES_VERSION}\nsklearn:{sklearn.__version__}\n".encode())
    digest.update(strings.owner.astype("<i8").tobytes())
    digest.update(strings.preferred.astype(bool).tobytes())
    digest.update(str(strings.n_concepts).encode())
    digest_texts(digest, strings.texts)
    return digest.hexdigest()


def _write(path: Path, structures: TextStructures) -> None:
    def dump(target: Path) -> None:
        with target.open("wb") as handle:
            pickle.dump(structures, handle, protocol=pickle.HIGHEST_PROTOCOL)

    write_atomically(path, dump)
