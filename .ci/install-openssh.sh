#!/usr/bin/env bash
# Installs Debian's OpenSSH server for the itl-sftp tests, only when /usr/sbin/sshd is missing.
# The tests start their own sshd on 127.0.0.1 with a generated config; no system sshd is started or needed.
set -euo pipefail
if [ -x /usr/sbin/sshd ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-openssh.sh: /usr/sbin/sshd is missing and we are not root; the itl-sftp OpenSSH tests will be skipped" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
# keep the package from starting a system sshd on port 22 (containers usually have this file already)
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get update -q
apt-get install -y -q --no-install-recommends openssh-server openssh-client
