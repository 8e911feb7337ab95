"""Importers, one module per reference source. Each reads files from the data dir into records."""
