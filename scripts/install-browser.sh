#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver for the browser tests (web chat, console), only if
# they are missing. Runs as root, or through sudo when it is available.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-browser: need root (or sudo) to apt-get install chromium chromium-driver" >&2; exit 1
  fi
fi
echo "install-browser: installing chromium and chromium-driver (Debian packages)…" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
chromium --version >&2
