"""Imports every module that declares tables on ``Base`` so that ``create_schema`` and migrations see them.

Add one import line per domain module that declares tables.
"""
