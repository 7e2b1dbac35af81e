#!/usr/bin/env bash
# The search benchmark of issue 5: stagebord's /zoeken/ index against the issue's targets, on
# the example portal and on generated portals, with Pagefind's figures beside them. Run on
# demand, never in CI (it takes minutes). scripts/bench.sh (the build benchmark) is separate.
#
#   scripts/bench/search.sh                       # the example portal and 50,000 vacancies
#   SIZES="10000 50000" scripts/bench/search.sh   # choose the generated sizes
#   PAGEFIND=0 scripts/bench/search.sh            # skip Pagefind
#
# Per portal it reports:
#   - build: wall time and peak RSS of `stagebord build` (fastest of RUNS), and its "plan"
#     stage (--timings), which holds the search index build;
#   - index: the index build alone (examples/search_index.rs: fastest of RUNS), its share of
#     the build's wall time, the resident memory it added, its files and bytes;
#   - browser (scripts/bench/search-browser.mjs, headless Chromium): bytes of the first search
#     with facet counts (page load + first word + its cards), the most any further word
#     added, and the time to compute a query with counts (median and max over words and
#     facet choices; the first query included);
#   - Pagefind (`cargo install pagefind`, if PAGEFIND=1): it indexes the same open vacancy
#     pages (with data-pagefind-filter on level, kind, field and place), timed with
#     /usr/bin/time; the same words searched with its JS API in the same browser.
#
# Settings (environment):
#   SIZES      generated sizes                    (default "50000"; "" = the example only)
#   RUNS       builds per portal, best one counts (default 3)
#   WORDS      the words typed one after another on generated portals (default
#              "communicatie planning beleid": a field, then two common words)
#   WORDS_EXAMPLE  the same on the example portal (default "communicatie gemeente website")
#   PAGEFIND   1 = compare with Pagefind          (default 1; installed with cargo if missing)
#   SEED       seed of the generated corpus       (default 1)
#   TODAY      --today of the builds              (default 2026-11-23)
#   BENCH_DIR  tmpfs work folder                  (default /dev/shm/stagebord-search)
#   RESULTS    where the Markdown table is saved  (default target/bench/search.md)
#   KEEP       1 = keep the generated portals     (default 0)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

SIZES=${SIZES-50000}
RUNS=${RUNS:-3}
WORDS=${WORDS:-"communicatie planning beleid"}
WORDS_EXAMPLE=${WORDS_EXAMPLE:-"communicatie gemeente website"}
PAGEFIND=${PAGEFIND:-1}
SEED=${SEED:-1}
TODAY=${TODAY:-2026-11-23}
BENCH_DIR=${BENCH_DIR:-/dev/shm/stagebord-search}
RESULTS=${RESULTS:-$ROOT/target/bench/search.md}
KEEP=${KEEP:-0}

log() { printf '== %s\n' "$*" >&2; }

[ -x /usr/bin/time ] || { log "installing time"; apt-get install -y -qq time >/dev/null; }
[ -d tests/browser/node_modules/playwright-core ] || (cd tests/browser && npm ci --silent)
if [ "$PAGEFIND" = 1 ] && ! command -v pagefind >/dev/null; then
    log "cargo install pagefind"
    cargo install pagefind --locked --quiet || { log "pagefind could not be installed: skipped"; PAGEFIND=0; }
fi

log "cargo build --release (stagebord, gen_portal, search_index)"
cargo build --release --quiet --bin stagebord --example gen_portal --example search_index
SB=$ROOT/target/release/stagebord
GEN=$ROOT/target/release/examples/gen_portal
INDEX=$ROOT/target/release/examples/search_index

mkdir -p "$BENCH_DIR" "$(dirname "$RESULTS")"
cleanup() {
    rm -rf "$BENCH_DIR"/out "$BENCH_DIR"/pf
    [ "$KEEP" = 1 ] || rm -rf "$BENCH_DIR"
}
trap cleanup EXIT

now_ns() { date +%s%N; }

# best_build ROOT OUT: fastest of RUNS builds; prints "wall_s rss_kb plan_s".
best_build() {
    local root=$1 out=$2 best="" line
    for _ in $(seq "$RUNS"); do
        rm -rf "$out"
        local t0 t1 log
        log=$(mktemp)
        t0=$(now_ns)
        /usr/bin/time -v "$SB" build --root "$root" --today "$TODAY" --output-dir "$out" --timings >/dev/null 2>"$log"
        t1=$(now_ns)
        local wall rss plan
        wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
        rss=$(awk '/Maximum resident set size/ { print $6 }' "$log")
        plan=$(awk '$1 == "plan:" { printf "%.3f", $2 / 1000 }' "$log")
        rm -f "$log"
        line="$wall $rss $plan"
        if [ -z "$best" ] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then best=$line; fi
    done
    echo "$best"
}

# best_index ROOT: fastest of RUNS index builds; prints its JSON.
best_index() {
    local best="" best_s="" json s
    for _ in $(seq "$RUNS"); do
        json=$("$INDEX" --root "$1" --today "$TODAY")
        s=$(node -e 'console.log(JSON.parse(process.argv[1]).seconds)' "$json")
        if [ -z "$best" ] || awk -v a="$s" -v b="$best_s" 'BEGIN { exit !(a < b) }'; then best=$json; best_s=$s; fi
    done
    echo "$best"
}

# pagefind_site OUT DIR: the open vacancy pages of a build, with Pagefind filter attributes.
pagefind_site() {
    python3 - "$1" "$2" <<'PY'
import os, re, sys
out, site = sys.argv[1], sys.argv[2]
base = os.path.join(out, "vacatures")
n = 0
for slug in sorted(os.listdir(base)):
    page = os.path.join(base, slug, "index.html")
    if not os.path.isfile(page):
        continue
    html = open(page, encoding="utf-8").read()
    if "notice--closed" in html or "notice--draft" in html:
        continue
    html = html.replace("<main ", "<main data-pagefind-body ", 1)
    for segment, name in (("niveau", "niveau"), ("soort", "soort"), ("vakgebied", "vakgebied"), ("plaats", "plaats")):
        html = re.sub(r'<a href="(/%s/[^"]+/)"' % segment, r'<a data-pagefind-filter="%s" href="\1"' % name, html)
    target = os.path.join(site, "vacatures", slug)
    os.makedirs(target, exist_ok=True)
    open(os.path.join(target, "index.html"), "w", encoding="utf-8").write(html)
    n += 1
print(n)
PY
}

dir_stats() { find "$1" -type f | wc -l | tr -d ' '; du -sb "$1" | cut -f1; }

rows=()
portals=("example:$ROOT")
for n in $SIZES; do portals+=("$n:$BENCH_DIR/p$n"); done
for entry in "${portals[@]}"; do
    name=${entry%%:*}
    root=${entry#*:}
    if [ "$name" != example ] && [ ! -f "$root/portal.toml" ]; then
        log "generating $name vacancies"
        rm -rf "$root"
        "$GEN" --vacancies "$name" --seed "$SEED" --today "$TODAY" --out "$root" >/dev/null
    fi
    out=$BENCH_DIR/out
    log "$name: stagebord build x$RUNS"
    read -r wall rss plan <<<"$(best_build "$root" "$out")"
    log "$name: index build x$RUNS"
    index=$(best_index "$root")
    version=$(ls -d "$out"/zoeken/*/ | head -1)
    read -r files bytes <<<"$(dir_stats "$version" | tr '\n' ' ')"
    log "$name: browser"
    words=$WORDS
    [ "$name" = example ] && words=$WORDS_EXAMPLE
    # shellcheck disable=SC2086
    browser=$(node scripts/bench/search-browser.mjs stagebord "$out" $words)
    pf="{}"
    if [ "$PAGEFIND" = 1 ]; then
        log "$name: pagefind"
        rm -rf "$BENCH_DIR/pf"
        pages=$(pagefind_site "$out" "$BENCH_DIR/pf")
        plog=$(mktemp)
        t0=$(now_ns)
        /usr/bin/time -v pagefind --site "$BENCH_DIR/pf" --output-subdir pagefind --silent >/dev/null 2>"$plog" || true
        t1=$(now_ns)
        pwall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
        prss=$(awk '/Maximum resident set size/ { print $6 }' "$plog")
        rm -f "$plog"
        read -r pfiles pbytes <<<"$(dir_stats "$BENCH_DIR/pf/pagefind" | tr '\n' ' ')"
        # shellcheck disable=SC2086
        pbrowser=$(node scripts/bench/search-browser.mjs pagefind "$BENCH_DIR/pf" $words)
        pf=$(node -e 'const [b, ...r] = process.argv.slice(1); console.log(JSON.stringify({ browser: JSON.parse(b), pages: +r[0], wall: +r[1], rss_kb: +r[2], files: +r[3], bytes: +r[4] }))' \
            "$pbrowser" "$pages" "$pwall" "$prss" "$pfiles" "$pbytes")
    fi
    rows+=("$(node -e 'const [n, w, r, p, i, f, by, b, pf] = process.argv.slice(1); console.log(JSON.stringify({ name: n, build_wall: +w, build_rss_kb: +r, plan: +p, index: JSON.parse(i), files: +f, bytes: +by, browser: JSON.parse(b), pagefind: JSON.parse(pf) }))' \
        "$name" "$wall" "$rss" "$plan" "$index" "$files" "$bytes" "$browser" "$pf")")
done

node - "${rows[@]}" >"$RESULTS" <<'JS'
const rows = process.argv.slice(2).map((r) => JSON.parse(r));
const kb = (b) => `${(b / 1000).toFixed(1)} KB`;
const mb = (b) => (b < 1e6 ? `${(b / 1000).toFixed(1)} KB` : `${(b / 1e6).toFixed(1)} MB`);
const ms = (x) => `${x.toFixed(1)} ms`;
const s = (x) => `${x.toFixed(2)} s`;
const out = [];
for (const r of rows) {
  const b = r.browser;
  const p = r.pagefind.browser ? r.pagefind : null;
  const pb = p?.browser;
  const label = r.name === 'example' ? `example portal (${r.index.rows} open vacancies)` : `${Number(r.name).toLocaleString('en')} vacancies (${r.index.rows.toLocaleString('en')} open)`;
  out.push(`### ${label}`, '', `Words typed: ${b.words.join(', ')} (results: ${b.results.join(' / ')}).`, '');
  out.push(`| measure | target | stagebord | Pagefind ${p ? '' : '(not run)'} |`, '|---|---|---|---|');
  out.push(`| first search with facet counts, downloaded | ≤ 250 KB | ${kb(b.first)} (${b.files_first} files) | ${pb ? kb(pb.first) + ` (${pb.files_first} files)` : '–'} |`);
  out.push(`| each further word, downloaded (max) | ≤ 20 KB | ${kb(b.further_max)} (${b.further.map(kb).join(', ')}) | ${pb ? kb(pb.further_max) + ` (${pb.further.map(kb).join(', ')})` : '–'} |`);
  out.push(`| query with counts, computed (median / max) | ≤ 10 ms | ${ms(b.query_ms_median)} / ${ms(b.query_ms_max)} | ${pb ? `${ms(pb.query_ms_median)} / ${ms(pb.query_ms_max)}` : '–'} |`);
  const share = (100 * r.index.seconds) / r.build_wall;
  out.push(`| index build time (share of the build) | ≤ 10 % | ${s(r.index.seconds)} (${share.toFixed(1)} % of ${s(r.build_wall)}; plan stage ${s(r.plan)}) | ${p ? s(p.wall) : '–'} |`);
  out.push(`| index build memory | ≤ 100 MB | ${mb(r.index.peak_extra_bytes)} more resident (build peak ${mb(r.build_rss_kb * 1024)}) | ${p ? mb(p.rss_kb * 1024) + ' peak' : '–'} |`);
  out.push(`| index files (bytes) | ≤ 5,000 | ${r.files.toLocaleString('en')} (${mb(r.bytes)}) | ${p ? `${p.files.toLocaleString('en')} (${mb(p.bytes)})` : '–'} |`);
  out.push('');
}
console.log(out.join('\n'));
JS
cat "$RESULTS"
log "saved to $RESULTS"
