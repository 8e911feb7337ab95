#!/usr/bin/env bash
# The lint gate: ruff with the rules and ignores in pyproject.toml ([tool.ruff]).
# `bash scripts/lint.sh --fix` applies ruff's safe fixes (import order, pyupgrade) before checking.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/ruff check "$@" .
