#!/usr/bin/env bash
# Shared set-up for a fresh machine: the browser and Java for the accessibility gate, Node.js for
# the pinned checking engines, Python >= 3.12 in .venv with the project, and the npm packages.
# Sourced by scripts/build.sh and scripts/test.sh. Every step either succeeds or stops the script
# with a Chinese message that says what to do; nothing is skipped silently.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

VENV_MARKER=.venv/.policysite-venv  # written when this script made .venv: only then may it replace it

fail() { echo "设置失败：$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else fail "需要 root 权限安装系统软件包（$*）。请用 root 运行，或先安装 sudo。"
  fi
}

install_system_packages() {
  # Debian's Chromium and its driver: Selenium Manager cannot download browsers here.
  # fonts-noto-cjk: without Chinese fonts, text measurements (clipping, reflow) are meaningless.
  # nodejs/npm: the checking engines are pinned npm packages. Java runs the Nu HTML checker.
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || missing+=(fonts-noto-cjk)  # no -q: SIGPIPE + pipefail
  command -v npm >/dev/null || missing+=(nodejs npm)
  command -v java >/dev/null || missing+=(default-jre-headless)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "安装系统软件包：${missing[*]} …" >&2
    as_root apt-get update -qq || fail "apt-get update 失败，请检查网络和软件源。"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" \
      || fail "无法安装 ${missing[*]}，请检查网络和软件源。"
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
  fail "找不到 Python 3.12 或更新的版本。请安装 Python 3.12（例如 pyenv install 3.12）后重试。"
}

install_python_env() {  # $1: pip extras, e.g. "" or "[test]"
  if [ -e .venv ] && ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
    # Only a .venv this script made is replaced; someone else's is left for its owner to move.
    [ -f "$VENV_MARKER" ] || fail ".venv 已存在，但不是 Python 3.12 以上的环境，也不是本脚本建立的。请把它改名或删除后重试。"
    rm -rf .venv
  fi
  if [ ! -e .venv ]; then
    echo "建立 Python 环境 .venv …" >&2
    "$(find_python)" -m venv .venv
    echo "made by scripts/setup.sh" > "$VENV_MARKER"
  fi
  echo "安装 Python 软件包 …" >&2
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip \
    && .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".$1" \
    || fail "pip 安装失败（见上方信息），请检查网络后重试。"
}

install_npm_packages() {
  # The checking engines pinned in package-lock.json; the gate refuses to run without them.
  echo "安装 npm 软件包（package-lock.json 中固定版本的检查引擎）…" >&2
  npm ci --no-audit --no-fund --silent || fail "npm ci 失败（见上方信息），请检查网络后重试。"
}

set_up_machine() {  # $1: pip extras
  install_system_packages
  install_python_env "$1"
  install_npm_packages
}
