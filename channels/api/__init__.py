"""Thin HTTP route modules, one per domain. Routes translate HTTP to service calls and back."""
