#!/usr/bin/env bash
# Fresh machine → published site in site/: installs everything, validates the data, generates
# the pages, builds with MkDocs, checks every link and runs the accessibility gate on every page.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
set_up_machine "[zensical]"  # so that `policysite build --engine zensical` works too
exec .venv/bin/policysite build "$@"
