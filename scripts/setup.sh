#!/usr/bin/env bash
# Shared set-up for a fresh machine: the browser for the accessibility gate, Python >= 3.12 in
# .venv, the project, and axe-core from npm. Sourced by scripts/build.sh and scripts/test.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

need_root() { [ "$(id -u)" = 0 ] && "$@" || sudo "$@"; }

install_browser() {
  # Debian's Chromium and its driver: Selenium Manager cannot download browsers here.
  # fonts-noto-cjk: without Chinese fonts, text measurements (clipping, reflow) are meaningless.
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
      || ! fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null; then  # no -q: SIGPIPE + pipefail
    need_root apt-get update
    need_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver fonts-noto-cjk
  fi
}

find_python() {
  # axe-selenium-python 3 needs Python >= 3.12; the machines' default python3 is 3.11.
  local candidate
  for candidate in python3.13 python3.12 python3; do
    if command -v "$candidate" >/dev/null 2>&1 \
        && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  for candidate in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3; do
    if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  echo "找不到 Python 3.12 或更新的版本。请安装 Python 3.12（例如 pyenv install 3.12）后重试。" >&2
  return 1
}

install_python_env() {  # $1: pip extras, e.g. "" or "[test]"
  if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
    rm -rf .venv
    "$(find_python)" -m venv .venv
  fi
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".$1"
}

install_axe() {
  # A current axe-core (pinned in package-lock.json); the gate falls back to the bundled one.
  if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; fi
}
