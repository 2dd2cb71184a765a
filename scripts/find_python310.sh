#!/usr/bin/env bash
# Prints a working Python 3.10 interpreter: python3.10 on PATH, else pyenv's 3.10.13; fails clearly otherwise.
set -u
for candidate in python3.10 "$(pyenv prefix 3.10.13 2>/dev/null)/bin/python"; do
  if [ -n "$candidate" ] && "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; then
    command -v "$candidate"
    exit 0
  fi
done
echo "error: Python 3.10 is needed (Rasa 3.6 supports <3.11). Install it, e.g. 'pyenv install 3.10.13'." >&2
exit 1
