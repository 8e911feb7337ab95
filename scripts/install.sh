#!/usr/bin/env bash
# `make install`: a virtual environment with the pinned dependencies (requirements.lock) and the
# project itself, editable. uv (pinned, from PyPI) installs them: about 1 min with the bytecode (15 s without) on a 2-core machine
# where pip takes 2 min 20 s for the same set; pip does it when uv cannot be had. Both take torch
# from the wheel folders pip is configured with (pip.conf find-links or PIP_FIND_LINKS), so the
# CPU build on the machine's disk is used, not a CUDA build from the registry. Both write the
# bytecode (.pyc) of what they install, and the project's own is compiled too: where
# PYTHONDONTWRITEBYTECODE is set (as on the CI machines) nothing else writes it, and every process
# start then compiled torch, transformers and scikit-learn from source again (about 14 s of a
# server worker's start here).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
VENV="${VENV:-.venv}"
UV_VERSION=0.13.9
test -d "$VENV" || "$PYTHON" -m venv "$VENV"
pip=("$VENV/bin/pip" install -q --disable-pip-version-check)
with_uv() {
  "${pip[@]}" "uv==$UV_VERSION" 2>/dev/null || return 1
  local links=() folder
  for folder in ${PIP_FIND_LINKS:-} $("$VENV/bin/pip" config get global.find-links 2>/dev/null || true); do
    links+=(--find-links "$folder")
  done
  local uv=("$VENV/bin/uv" pip install --quiet --compile-bytecode --python "$VENV/bin/python" "${links[@]}")
  "${uv[@]}" -r requirements.lock && "${uv[@]}" --no-deps --no-build-isolation -e .
}
if ! with_uv; then
  echo "uv could not install the set; installing with pip (a few minutes)" >&2
  "${pip[@]}" -r requirements.lock
  "${pip[@]}" --no-deps --no-build-isolation -e .
fi
"$VENV/bin/python" -m compileall -q -j 0 agent tools knowledge channels evals benchmarks
