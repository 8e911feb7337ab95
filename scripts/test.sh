#!/usr/bin/env bash
# The test command behind `make test` and `.ci/run`: installs test-only system packages, runs the lint gate, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
export ORIENT_DATA_DIR="${ORIENT_DATA_DIR:-$(cd .. && pwd)/shared/data}"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
bash scripts/install-browser.sh  # Debian chromium + chromium-driver for the browser tests (once)
bash scripts/lint.sh  # the lint gate: ruff, then mypy (rules in pyproject.toml)
exec .venv/bin/pytest "$@"
