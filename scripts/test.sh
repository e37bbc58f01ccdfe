#!/usr/bin/env bash
# Fresh machine → the whole test suite: installs what the tests need, then runs ruff and pytest.
# Nothing is skipped: a missing browser, package or file is a failure with a clear message.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
set_up_machine "[test]"  # includes [zensical]: tests/test_engines.py builds with both engines
.venv/bin/ruff check generator tests benchmarks
exec .venv/bin/python -m pytest "$@"
