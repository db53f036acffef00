#!/usr/bin/env bash
# The plan timeline test (itl-cli PlanHtmlBrowserTest) renders itl plan --html in a real headless browser: Debian's
# chromium, installed here when missing. Idempotent; without chromium the test skips with a reason.
set -euo pipefail
command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
