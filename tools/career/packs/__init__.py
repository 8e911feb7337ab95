"""Knowledge packs: an employer, a university or a region brings its own data without code changes.

A pack is a folder with a ``manifest.yaml`` (or ``manifest.json``) and the data files it names.
See ``examples/packs/`` and :mod:`tools.career.packs.models` for the format.
"""
