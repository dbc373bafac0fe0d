#!/usr/bin/env bash
# Opens newsfigures' outputs in the clients readers use (see .ci/README.md):
#   1. the HTML pages in Debian's Chromium, with axe-core, an overflow check,
#      chart text sizes and screenshots (.ci/browser/check.mjs), and each
#      chart's SVG, wide and narrow, as Chromium draws it against the PNG the
#      renderer draws of it (.ci/browser/compare.mjs);
#   2. each datapackage.json with `frictionless validate` (.ci/frictionless_check.py);
#   3. each CSV/JSON table pair through pandas (.ci/pandas_roundtrip.py).
# Every check runs even when an earlier one failed; the exit status is 1 if
# any failed. Installs what is missing first; installs and checks are timed
# separately.
#
#   bash .ci/clients.sh [OUTPUT_DIR...]   # default: output and both fixtures' output
set -uo pipefail
cd "$(dirname "$0")/.."

# The clients' versions are the notebooks' pins (notebooks/requirements.txt).
pin() { sed -n "s/^$1==//p" notebooks/requirements.txt; }
FRICTIONLESS_VERSION="$(pin frictionless)"
PANDAS_VERSION="$(pin pandas)"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export SCREENSHOTS="${SCREENSHOTS:-/tmp/newsfigures-screens}"

if [ "$#" -gt 0 ]; then dirs=("$@"); else dirs=(output tests/fixtures/fictional-budget/output tests/fixtures/fictional-relief/output); fi

timings=()
failed=()
now() { date +%s.%N; }
# step NAME COMMAND...: runs it, records its time and whether it failed.
step() {
  local name="$1"; shift
  printf '\n== %s (%s)\n' "$name" "$(date -u +%H:%M:%S)"
  local t0 rc
  t0="$(now)"
  "$@"
  rc=$?
  timings+=("$(printf '%-62s %7.1f s  %s' "$name" "$(awk -v a="$t0" -v b="$(now)" 'BEGIN{print b-a}')" "$([ $rc = 0 ] && echo ok || echo "FAILED ($rc)")")")
  [ $rc = 0 ] || failed+=("$name")
  return 0
}

# --- installs -----------------------------------------------------------------

install_chromium() {
  if [ -x "$CHROMIUM" ]; then echo "chromium present: $("$CHROMIUM" --version 2>/dev/null)"; return 0; fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "no $CHROMIUM and cannot apt-get install it (not root, or no apt)" >&2; return 1
  fi
  echo "installing Debian's chromium"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/tmp/newsfigures-apt.log 2>&1 \
    || { tail -n 20 /tmp/newsfigures-apt.log >&2; return 1; }
  "$CHROMIUM" --version 2>/dev/null
}

# node_modules is stale when package-lock.json is newer than npm's own record
# of what it installed (node_modules/.package-lock.json).
install_node_modules() {
  local b=.ci/browser
  if [ -f "$b/node_modules/.package-lock.json" ] && [ ! "$b/package-lock.json" -nt "$b/node_modules/.package-lock.json" ] \
     && [ -f "$b/node_modules/axe-core/axe.min.js" ] && [ -d "$b/node_modules/playwright-core" ]; then
    echo "node_modules current"; return 0
  fi
  # playwright-core downloads no browser on install; the variable makes sure.
  (cd "$b" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
}

# frictionless (with its [json] extra) and pandas go into the notebooks' venv,
# constrained by the notebooks' pins so that Jupyter's packages are not moved.
install_python_tools() {
  if [ ! -x .venv/bin/python ]; then python3 -m venv .venv || return 1; fi
  local have
  have="$(.venv/bin/pip freeze --disable-pip-version-check 2>/dev/null)"
  # ijson is frictionless's [json] extra: without it no JSON table is read.
  if grep -qx "frictionless==$FRICTIONLESS_VERSION" <<<"$have" && grep -qx "pandas==$PANDAS_VERSION" <<<"$have" \
     && grep -q '^ijson==' <<<"$have"; then
    echo "frictionless[json] $FRICTIONLESS_VERSION and pandas $PANDAS_VERSION present"; return 0
  fi
  echo "installing frictionless[json] $FRICTIONLESS_VERSION and pandas $PANDAS_VERSION into .venv"
  .venv/bin/pip install -q --disable-pip-version-check -c notebooks/requirements.txt \
    "frictionless[json]==$FRICTIONLESS_VERSION" "pandas==$PANDAS_VERSION"
}

step "install: chromium (apt)" install_chromium
step "install: node_modules (npm ci)" install_node_modules
step "install: frictionless + pandas (.venv)" install_python_tools

# --- checks -------------------------------------------------------------------

step "check: browser (axe, overflow, text size)" node .ci/browser/check.mjs "${dirs[@]}"
# The narrow layouts are published as SVG only: the renderer draws a PNG of
# each (examples/svg_png.rs, as a build draws the wide ones) to compare with.
NARROW_PNGS="$(mktemp -d)"
render_narrow() {
  local i
  for i in "${!dirs[@]}"; do
    cargo run -q --example svg_png -- "$NARROW_PNGS/$i" "${dirs[$i]}"/charts/*.narrow.svg || return 1
  done
}
step "render: the narrow charts to PNG (resvg, as the wide ones)" render_narrow
step "check: browser draws the SVGs as the PNGs, wide and narrow (fonts embedded)" \
  env NARROW_PNGS="$NARROW_PNGS" node .ci/browser/compare.mjs "${dirs[@]}"
for d in "${dirs[@]}"; do
  step "check: frictionless $d" .venv/bin/python .ci/frictionless_check.py "$d/datapackage.json"
done
for d in "${dirs[@]}"; do
  step "check: pandas round trip $d" .venv/bin/python .ci/pandas_roundtrip.py "$d"
done

printf '\n== timings\n'
printf '%s\n' "${timings[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
  printf '\nclient checks failed:\n'
  printf '  - %s\n' "${failed[@]}"
  exit 1
fi
printf '\nclient checks passed\n'
