#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests of the HTML reports (itl audit --html), only when it is missing.
# The tests run it headless with a fresh profile and no network; without it they are skipped with a reason.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-chromium.sh: chromium is missing and we are not root; the HTML report browser tests will be skipped" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends chromium
