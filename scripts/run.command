#!/usr/bin/env bash
# macOS launcher: double-click in Finder to open Keras Trainer in Terminal.
# Creates .venv on the first start (a minute or two), like scripts/run.
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./scripts/run "$@"
