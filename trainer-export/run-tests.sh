#!/bin/sh
# Runs the trainer-export tests with Debian's Python (the first python3 on PATH may not see apt packages).
set -e
cd "$(dirname "$0")"
exec /usr/bin/python3 -m pytest -q -p no:cacheprovider tests "$@"
