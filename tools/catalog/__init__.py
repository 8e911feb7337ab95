"""Training and job catalogs: records, file formats, import (``store.CatalogStore``), skill links,
search structures and the SQL tables they are kept in."""
