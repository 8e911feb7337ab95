#!/usr/bin/env bash
# The lint gate: ruff with the rules and ignores in pyproject.toml ([tool.ruff]), then mypy on the
# typed packages ([tool.mypy]: strict on the agent and the tools it calls through its ports).
# `bash scripts/lint.sh --fix` applies ruff's safe fixes (import order, pyupgrade) before checking.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check "$@" .
# tools/catalog with mypy's defaults; channels/services.py: the composition root, where the real services are
# checked against the agent's ports
exec .venv/bin/mypy agent tools/linking tools/career tools/catalog channels/services.py
