"""The knowledge layer: ESCO, ROME, O*NET and their crosswalks, label embeddings and the vector index.

- ``knowledge.sources``: one importer per reference source (read from the configurable data dir);
- ``knowledge.assemble``: reads them all and joins the crosswalks onto the records;
- ``knowledge.store``: the SQLite file the build writes and ``KnowledgeBase.load`` reads;
- ``knowledge.base``: :class:`~knowledge.base.KnowledgeBase`, the in-memory knowledge base and its lookups;
- ``knowledge.embeddings``: the :class:`~knowledge.embeddings.Embedder` protocol and the MiniLM embedder;
- ``knowledge.vectors``: which label strings are embedded, the content-hash cache, the label matrices;
- ``knowledge.cache_files``: cache files written atomically, pruned to the most recently used;
- ``knowledge.index``: the Chroma collections of label embeddings;
- ``knowledge.build``: ``build_knowledge``, content-hashed and atomic (temp folder swapped in by rename).
- ``knowledge.kb_cache``: structures derived from a knowledge base, built once and dropped with it.

Nothing here talks to a user or imports from ``tools``, ``agent`` or ``channels``.
"""
