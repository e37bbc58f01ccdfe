#!/usr/bin/env bash
# Run the seed site's representative pages (one per page kind) through the accessibility engines
# the gate does not run: HTML_CodeSniffer, Siteimprove Alfa, QualWeb and Lighthouse. What they
# found and why each finding was fixed or left: generator/a11y/other-engines.md.
#
#   bash scripts/other_engines.sh [ENGINE ...]     (default: htmlcs alfa qualweb lighthouse)
#
# The engines go to $OTHER_ENGINES_TOOLS (default /tmp/s5-audit-tools), outside the project: they
# are not its dependencies. Results: $OUT/<engine>.json, summarised per rule at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS=${OTHER_ENGINES_TOOLS:-/tmp/s5-audit-tools}
OUT=${OUT:-/tmp/other-engines}
SITE=$OUT/root/policysite
PORT=${PORT:-8765}
export OTHER_ENGINES_TOOLS=$TOOLS PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium
engines=("$@")
[ ${#engines[@]} -gt 0 ] || engines=(htmlcs alfa qualweb lighthouse)

install() {  # folder, packages…: each engine in a folder of its own (their puppeteers differ)
  local folder=$TOOLS/$1; shift
  [ -d "$folder/node_modules" ] || { mkdir -p "$folder" && npm i -E --prefix "$folder" \
    --no-audit --no-fund --silent "$@"; }
}
install pa11y pa11y@10.0.0 html_codesniffer@2.5.1
install alfa @siteimprove/alfa-rules@0.114.0 @siteimprove/alfa-act@0.114.0 \
  @siteimprove/alfa-web@0.114.0 @siteimprove/alfa-dom@0.114.0 @siteimprove/alfa-device@0.114.0 \
  @siteimprove/alfa-http@0.114.0 puppeteer-core@22
install qw @qualweb/core@0.8.7 @qualweb/act-rules@0.7.5 @qualweb/wcag-techniques@0.4.2 \
  @qualweb/best-practices@0.7.13
install lh lighthouse@12.2.3  # 13 wants Node 22

mkdir -p "$OUT/root"
.venv/bin/policysite build --skip-checks --output "$SITE"
.venv/bin/python -c "
import json, sys; from pathlib import Path
from generator.build import representative_pages
json.dump(representative_pages(Path('.'), False, Path(sys.argv[1])), sys.stdout)" "$SITE" \
  > "$OUT/pages.json"
# Served under /policysite/ as it is hosted (and as the gate serves it).
python3 -m http.server --bind 127.0.0.1 "$PORT" -d "$OUT/root" > /dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 1
for engine in "${engines[@]}"; do
  node scripts/other_engines.mjs "$engine" "http://127.0.0.1:$PORT/policysite/" \
    "$OUT/pages.json" "$OUT/$engine.json"
done
python3 - "$OUT" "${engines[@]}" <<'EOF'
import collections, json, sys
out = sys.argv[1]
for engine in sys.argv[2:]:
    runs = json.load(open(f"{out}/{engine}.json"))
    rules = collections.defaultdict(lambda: [0, set(), set()])
    for run in runs:
        for finding in run["findings"]:
            entry = rules[(finding["outcome"], finding["rule"])]
            entry[0] += 1
            entry[1].add(run["kind"])
            entry[2].add(f"{run['width']}/{run['mode']}")
    print(f"== {engine}: {len(runs)} runs")
    for (outcome, rule), (count, kinds, modes) in sorted(rules.items()):
        print(f"{outcome:9} {rule[:70]:70} {count:5} on {len(kinds):2} kinds  {sorted(modes)}")
EOF
