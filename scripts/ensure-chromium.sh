#!/usr/bin/env bash
# Makes sure Debian's chromium is installed: the browser tests drive it with playwright-core
# (no browser download). Also curl and jq, which the docs' runnable blocks use (runnable-docs.test.ts). Installs it with apt-get when running as root; otherwise it only says what
# to run and exits 0, so the other tests still run (the browser tests then fail saying the same).
# MIR_SKIP_CHROMIUM=1 skips the check.
set -euo pipefail

if [ "${MIR_SKIP_CHROMIUM:-}" = "1" ]; then exit 0; fi
missing=()
for tool in chromium curl jq; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: ${missing[*]} not installed and this is not root, so it cannot be installed here." >&2
  echo "ensure-chromium: run: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  echo "ensure-chromium: until then the browser tests (test/browser) fail." >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: ${missing[*]} missing and apt-get is not available; install them and put them on PATH." >&2
  echo "ensure-chromium: until then the browser tests (test/browser) fail." >&2
  exit 0
fi

echo "ensure-chromium: installing ${missing[*]} with apt-get (once per machine)…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for tool in "${missing[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "ensure-chromium: $tool still not on PATH after install" >&2; exit 1; }
done
echo "ensure-chromium: $(chromium --version 2>/dev/null || echo chromium) installed"
