#!/usr/bin/env bash
# Installs Debian's fakeroot and dpkg-dev, which jpackage needs to build the .deb (mvn -Pdist), only when missing.
set -euo pipefail
if command -v fakeroot >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1 && command -v dpkg-shlibdeps >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deb-tools.sh: fakeroot/dpkg-dev missing and we are not root; build with -Ddist.deb=false" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends fakeroot dpkg-dev
