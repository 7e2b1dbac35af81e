#!/usr/bin/env bash
# The speed benchmark of issue 10: stagebord against Hugo and against the "floor" on the same
# generated corpus. Run on demand, never in CI (it takes minutes and installs Hugo).
#
#   scripts/bench.sh                      # 1,000 / 10,000 / 50,000 vacancies
#   SIZES="1000 10000" scripts/bench.sh   # choose the sizes
#   SIZES=500000 scripts/bench.sh         # national scale (Hugo is skipped above HUGO_MAX)
#
# For each size it generates a portal with examples/gen_portal.rs (N vacancies, N/20
# organisations, fixed seed) plus the same corpus as a Hugo site, then builds it RUNS times
# with stagebord, Hugo and examples/floor.rs, alternating the three, output on tmpfs
# (/dev/shm), and keeps each tool's fastest run. It reports wall time, user+sys CPU, peak
# RSS (from /usr/bin/time -v), output files and bytes, and the ratios stagebord/Hugo and
# stagebord/floor measured in the same run; the 50k/10k time ratio shows linearity. A
# secondary column builds with stagebord once more with the output on the disk.
#
# Settings (environment):
#   SIZES      sizes to run                      (default "1000 10000 50000")
#   RUNS       runs per tool, best one counts    (default 3)
#   HUGO       1 = compare with Hugo, 0 = skip   (default 1)
#   HUGO_MAX   largest size Hugo is run at       (default 100000; 50k takes ~7 GB already)
#   DISK       1 = also time stagebord with output on the disk (default 1)
#   DISK_MAX   largest size timed on the disk    (default 50000)
#   SEED       seed of the generated corpus      (default 1)
#   TODAY      --today of the builds             (default 2026-11-23)
#   BENCH_DIR  tmpfs work folder                 (default /dev/shm/stagebord-bench)
#   DISK_DIR   on-disk output folder             (default target/bench-disk)
#   RESULTS    where the Markdown table is saved (default target/bench/results.md)
#   OUT_DIR    where the timed builds write (default $BENCH_DIR/out, on tmpfs); at 500k
#              the output (~21 GB) and the build (~10 GB) do not both fit in this
#              machine's memory, so point it at the disk: OUT_DIR=/var/tmp/sb-out
#   INCREMENTAL 1 = time `stagebord serve` rebuilding one edited vacancy (default 1)
#   KEEP       1 = keep the generated corpora    (default 0)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SIZES=${SIZES:-"1000 10000 50000"}
RUNS=${RUNS:-3}
HUGO=${HUGO:-1}
HUGO_MAX=${HUGO_MAX:-100000}
DISK=${DISK:-1}
DISK_MAX=${DISK_MAX:-50000}
SEED=${SEED:-1}
TODAY=${TODAY:-2026-11-23}
BENCH_DIR=${BENCH_DIR:-/dev/shm/stagebord-bench}
DISK_DIR=${DISK_DIR:-$ROOT/target/bench-disk}
RESULTS=${RESULTS:-$ROOT/target/bench/results.md}
KEEP=${KEEP:-0}
INCREMENTAL=${INCREMENTAL:-1}

log() { printf '== %s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------------------
need_apt=()
[ -x /usr/bin/time ] || need_apt+=(time)
if [ "$HUGO" = 1 ] && ! command -v hugo >/dev/null; then need_apt+=(hugo); fi
if [ ${#need_apt[@]} -gt 0 ]; then
    log "installing ${need_apt[*]} from Debian"
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
[ -d /dev/shm ] || { echo "bench.sh: /dev/shm (tmpfs) is needed" >&2; exit 1; }

log "cargo build --release (stagebord, gen_portal, floor)"
cargo build --release --quiet --bin stagebord --example gen_portal --example floor
SB=$ROOT/target/release/stagebord
GEN=$ROOT/target/release/examples/gen_portal
FLOOR=$ROOT/target/release/examples/floor
HUGO_VERSION=$( [ "$HUGO" = 1 ] && hugo version | awk '{print $2}' || echo "-")
# The version measured: the commit, and whether the working tree differed from it.
REV="$(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' + uncommitted changes')"

mkdir -p "$BENCH_DIR" "$(dirname "$RESULTS")"
cleanup() {
    rm -rf "$BENCH_DIR/out" "$DISK_DIR/out"
    [ "$KEEP" = 1 ] || rm -rf "$BENCH_DIR"
}
trap cleanup EXIT

# --- measuring ---------------------------------------------------------------------------
now_ns() { date +%s%N; }

# run TOOL SIZE: one timed build into $BENCH_DIR/out (or $OUT_DIR); prints
# "wall_s cpu_s rss_kb files bytes". Wall time is taken around the process (ns clock);
# CPU and peak RSS come from /usr/bin/time -v.
run_one() {
    local tool=$1 size=$2 out=${OUT_DIR:-$BENCH_DIR/out}
    local portal=$BENCH_DIR/$size/portal hugo_site=$BENCH_DIR/$size/hugo
    local tfile=$BENCH_DIR/time.txt errfile=$BENCH_DIR/stderr.txt
    rm -rf "$out" "$out".* 2>/dev/null || true
    mkdir -p "$(dirname "$out")"
    local cmd
    case $tool in
        stagebord) cmd=("$SB" build --root "$portal" --today "$TODAY" --output-dir "$out") ;;
        hugo) cmd=(hugo --quiet --source "$hugo_site" --destination "$out" --cacheDir "$BENCH_DIR/hugo-cache") ;;
        floor) cmd=("$FLOOR" --root "$portal" --out "$out") ;;
    esac
    local t0 t1
    t0=$(now_ns)
    if ! /usr/bin/time -v -o "$tfile" "${cmd[@]}" >/dev/null 2>"$errfile"; then
        echo "bench.sh: $tool failed on $size vacancies:" >&2
        tail -20 "$errfile" >&2
        exit 1
    fi
    t1=$(now_ns)
    local user sys rss files bytes
    user=$(awk -F': ' '/User time/ {print $2}' "$tfile")
    sys=$(awk -F': ' '/System time/ {print $2}' "$tfile")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tfile")
    read -r files bytes < <(find "$out" -type f -printf '%s\n' | awk '{ n++; b += $1 } END { print n + 0, b + 0 }')
    rm -rf "$out"
    awk -v a="$t0" -v b="$t1" -v u="$user" -v s="$sys" -v r="$rss" -v f="$files" -v y="$bytes" \
        'BEGIN { printf "%.3f %.2f %d %d %d\n", (b - a) / 1e9, u + s, r, f, y }'
}

# best LINES: the line with the smallest first field.
best() { sort -n -k1,1 | head -1; }

# incremental SIZE: the rebuild time of one changed vacancy in `stagebord serve`, in ms
# (best of 3 edits), as serve reports it ("rebuilt in N ms": until the reload, every page
# written), with the feeds written after the reload ("+M feeds"); n/a when serve is missing,
# INCREMENTAL=0, or serve did not answer in time. Serve listens on 127.0.0.1 only and
# builds into its own folder; the portal is edited in place (it is a throw-away copy).
incremental() {
    local size=$1 portal=$BENCH_DIR/$1/portal log=$BENCH_DIR/serve.log
    if [ "$INCREMENTAL" != 1 ] || ! "$SB" serve --help >/dev/null 2>&1; then
        echo "n/a"
        return
    fi
    "$SB" serve --root "$portal" --today "$TODAY" --port 0 >"$log" 2>&1 &
    local pid=$! waited=0 best="" target
    while ! grep -q '^built ' "$log" && [ "$waited" -lt 600 ] && kill -0 "$pid" 2>/dev/null; do
        sleep 0.5; waited=$((waited + 1))
    done
    target=$(find "$portal/content/vacancies" -name '*.md' | sort | head -1)
    if grep -q '^built ' "$log"; then
        for edit in 1 2 3; do
            local before after
            before=$(grep -c '^rebuilt in ' "$log" || true)
            printf '\nEen extra zin (wijziging %s).\n' "$edit" >>"$target"
            waited=0
            while after=$(grep -c '^rebuilt in ' "$log" || true); [ "$after" -le "$before" ] && [ "$waited" -lt 1200 ]; do
                sleep 0.25; waited=$((waited + 1))
            done
            [ "$after" -gt "$before" ] || break
            sleep 1 # let a second watcher event settle before the next edit
        done
        best=$(grep -o '^rebuilt in [0-9]* ms' "$log" | awk '{print $3}' | sort -n | head -1)
        # The feeds are written after the reload ("..., then 12 feed(s) in 60 ms").
        local feeds
        feeds=$(grep "^rebuilt in $best ms" "$log" | head -1 | grep -o 'feed(s) in [0-9]* ms' | awk '{print $3}')
        [ -z "$best" ] || [ -z "$feeds" ] || best="$best (+$feeds feeds)"
    fi
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    echo "${best:-n/a}"
}

# --- the runs ----------------------------------------------------------------------------
declare -A R # R[tool,size] = "wall cpu rss files bytes"
declare -A DISKR
declare -A INC
for size in $SIZES; do
    orgs=$((size / 20)); [ "$orgs" -ge 1 ] || orgs=1
    log "generating $size vacancies, $orgs organisations (seed $SEED)"
    # The corpus takes ~5 KB per vacancy, stagebord's output ~42 KB (2.0 GB at 50k). Refuse
    # a size that cannot fit where it goes, rather than fill the disk or the memory.
    out_dir=${OUT_DIR:-$BENCH_DIR/out}
    mkdir -p "$(dirname "$out_dir")"
    fits() { # fits DIR MB: DIR's file system has MB free
        [ "$2" -le "$(df -m --output=avail "$1" | tail -1)" ]
    }
    if ! fits "$BENCH_DIR" $((size * 5 / 1000)) || ! fits "$(dirname "$out_dir")" $((size * 42 / 1000)); then
        echo "bench.sh: $size vacancies need ~$((size * 5 / 1000)) MB for the corpus in $BENCH_DIR and ~$((size * 42 / 1000)) MB for the output in $(dirname "$out_dir"); set BENCH_DIR and OUT_DIR to folders with room (OUT_DIR on the disk at 500k)" >&2
        exit 1
    fi
    rm -rf "$BENCH_DIR/$size"
    hugo_args=()
    with_hugo=0
    if [ "$HUGO" = 1 ] && [ "$size" -le "$HUGO_MAX" ]; then
        hugo_args=(--hugo "$BENCH_DIR/$size/hugo")
        with_hugo=1
    fi
    "$GEN" --vacancies "$size" --organisations "$orgs" --seed "$SEED" --today "$TODAY" \
        --out "$BENCH_DIR/$size/portal" "${hugo_args[@]}" 2>/dev/null
    tools=(stagebord floor)
    [ "$with_hugo" = 1 ] && tools=(stagebord hugo floor)
    declare -A lines=()
    for run in $(seq 1 "$RUNS"); do
        # Alternate the order so that no tool always runs right after the same one.
        if [ $((run % 2)) = 0 ]; then
            order=(); for ((i = ${#tools[@]} - 1; i >= 0; i--)); do order+=("${tools[$i]}"); done
        else
            order=("${tools[@]}")
        fi
        for tool in "${order[@]}"; do
            line=$(run_one "$tool" "$size")
            log "$size $tool run $run: $line (wall s, cpu s, rss KB, files, bytes)"
            lines[$tool]+="$line"$'\n'
        done
    done
    for tool in "${tools[@]}"; do
        R[$tool,$size]=$(printf '%s' "${lines[$tool]}" | best)
    done
    unset lines
    if [ "$DISK" = 1 ] && [ "$size" -le "$DISK_MAX" ]; then
        line=$(OUT_DIR=$DISK_DIR/out run_one stagebord "$size")
        log "$size stagebord on disk: $line"
        DISKR[$size]=$line
    fi
    # Last, as it edits the portal.
    INC[$size]=$(incremental "$size")
    log "$size incremental rebuild of one vacancy in serve: ${INC[$size]} ms"
    [ "$KEEP" = 1 ] || rm -rf "$BENCH_DIR/$size"
done

# --- the table ---------------------------------------------------------------------------
field() { # field TOOL SIZE N -> the Nth number of the best run, or empty
    local v=${R[$1,$2]:-}
    [ -n "$v" ] && echo "$v" | awk -v n="$3" '{print $n}'
}
ratio() { # ratio A B -> A/B with two decimals, or n/a
    awk -v a="${1:-}" -v b="${2:-}" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f\n", a / b }'
}
fmt_row() { # fmt_row TOOL SIZE
    local v=${R[$1,$2]:-}
    if [ -z "$v" ]; then
        printf '| %s | %s | n/a | n/a | n/a | n/a | n/a |\n' "$2" "$1"
    else
        echo "$v" | awk -v s="$2" -v t="$1" \
            '{ printf "| %s | %s | %.2f | %.2f | %.0f | %d | %.1f |\n", s, t, $1, $2, $3 / 1024, $4, $5 / 1048576 }'
    fi
}

{
    echo "### stagebord benchmark, $(date -u +%Y-%m-%d)"
    echo
    echo "stagebord $REV, Hugo $HUGO_VERSION, $(nproc) cores, seed $SEED, best of $RUNS, output on tmpfs; N/20 organisations."
    echo
    echo "| vacancies | tool | wall s | user+sys s | peak RSS MB | files | output MB |"
    echo "|---:|---|---:|---:|---:|---:|---:|"
    for size in $SIZES; do
        fmt_row stagebord "$size"
        [ -n "${R[hugo,$size]:-}" ] && fmt_row hugo "$size"
        fmt_row floor "$size"
    done
    echo
    echo "| vacancies | stagebord/Hugo time | stagebord/Hugo memory | stagebord/floor time | stagebord on disk, wall s | serve: rebuild of one edited vacancy until the reload, ms (+ feeds after it) |"
    echo "|---:|---:|---:|---:|---:|---:|"
    for size in $SIZES; do
        disk=n/a
        [ -n "${DISKR[$size]:-}" ] && disk=$(echo "${DISKR[$size]}" | awk '{printf "%.2f", $1}')
        printf '| %s | %s | %s | %s | %s | %s |\n' "$size" \
            "$(ratio "$(field stagebord "$size" 1)" "$(field hugo "$size" 1)")" \
            "$(ratio "$(field stagebord "$size" 3)" "$(field hugo "$size" 3)")" \
            "$(ratio "$(field stagebord "$size" 1)" "$(field floor "$size" 1)")" \
            "$disk" "${INC[$size]:-n/a}"
    done
    if [ -n "${R[stagebord,10000]:-}" ] && [ -n "${R[stagebord,50000]:-}" ]; then
        echo
        echo "Linearity 50k/10k (5.0 is linear; target at most 5.5): wall time stagebord $(ratio "$(field stagebord 50000 1)" "$(field stagebord 10000 1)"), Hugo $(ratio "$(field hugo 50000 1)" "$(field hugo 10000 1)"), floor $(ratio "$(field floor 50000 1)" "$(field floor 10000 1)"); user+sys stagebord $(ratio "$(field stagebord 50000 2)" "$(field stagebord 10000 2)"), Hugo $(ratio "$(field hugo 50000 2)" "$(field hugo 10000 2)")."
    fi
} | tee "$RESULTS"
log "table saved to ${RESULTS#"$ROOT"/}"
