#!/usr/bin/env bash
# Benchmarks the sweeper against the local sandbox: wall time, API calls by operation, peak RSS
# over synthetic fleets, and cold start-up (--version, empty-region scan), plain `java -jar` and
# through scripts/sweeper (with its class-data-sharing archive). Prints one table to paste into a note.
#
#   scripts/bench.sh               build, then the 2,000/1,000/500 and 10,000/5,000/2,000 fleets (several minutes)
#   scripts/bench.sh --quick       only the small fleet
#   scripts/bench.sh --no-build    use target/sweeper.jar as it is
#   scripts/bench.sh --runs N      cold-start repetitions (default 5; the median is reported)
#   scripts/bench.sh --timeout S   per-command time limit in seconds (default 900)
#   scripts/bench.sh --jar PATH    measure this jar instead of target/sweeper.jar (implies --no-build), e.g.
#                                  a copy, so that rebuilds of target/ during the bench do not disturb it
#   scripts/bench.sh --only-limits only the rate-limit section: 30% throttled, a per-operation --tps limit,
#                                  and endpoints idle against the baseline script (several minutes)
#   scripts/bench.sh --no-limits   skip that section
#   scripts/bench.sh --only-notebooks  only 1,000 notebooks alone (their Jupyter servers probed), at 8 and 32
#   scripts/bench.sh --sandbox-jar PATH  run the sandbox from this jar (default: the jar measured), e.g. to
#                                  measure an older sweeper against the same sandbox
#
# Needs Java 17, Maven (unless --no-build), GNU time at /usr/bin/time (Debian: apt-get install time),
# and curl or python3 for the sandbox's stats. Progress goes to stderr, the report to stdout.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here" || exit 2
jar="target/sweeper.jar"
quick=0 build=1 runs=5 limit=900 limits=1 only_limits=0 only_notebooks=0 sandbox_jar=""
latency=20
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1 ;;
    --only-limits) only_limits=1 ;;
    --no-limits) limits=0 ;;
    --only-notebooks) only_notebooks=1 ;;
    --sandbox-jar) sandbox_jar="${2:?--sandbox-jar needs a path}"; shift ;;
    --no-build) build=0 ;;
    --runs) runs="${2:?--runs needs a number}"; shift ;;
    --timeout) limit="${2:?--timeout needs seconds}"; shift ;;
    --jar) jar="${2:?--jar needs a path}"; build=0; shift ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: --runs must be a positive number" >&2; exit 2; }
[[ "$limit" =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: --timeout must be a positive number of seconds" >&2; exit 2; }

# ---- prerequisites -------------------------------------------------------------------------------
die() { echo "bench.sh: $*" >&2; exit 2; }
command -v java >/dev/null 2>&1 || die "java not found: install a Java 17 JDK"
if [[ ! -x /usr/bin/time ]] || ! /usr/bin/time -v true >/dev/null 2>&1; then
  die "/usr/bin/time (GNU time, with -v) not found: on Debian/Ubuntu run 'apt-get install time' (the shell's 'time' keyword cannot report peak RSS)"
fi
if command -v curl >/dev/null 2>&1; then
  http() { curl -s -f --max-time 30 -X "$1" "$2"; }
elif command -v python3 >/dev/null 2>&1; then
  http() { python3 -c 'import sys,urllib.request as u; sys.stdout.write(u.urlopen(u.Request(sys.argv[2], method=sys.argv[1], data=b"" if sys.argv[1]=="POST" else None), timeout=30).read().decode())' "$1" "$2"; }
else
  die "neither curl nor python3 found: one is needed to read the sandbox's /_sandbox/stats"
fi
(( build )) && ! command -v mvn >/dev/null 2>&1 && die "mvn not found: install Maven, or pass --no-build"
timeout_cmd=()
command -v timeout >/dev/null 2>&1 && timeout_cmd=(timeout "$limit")
now() { date +%s.%N; }
log() { echo "bench: $*" >&2; }

# ---- clean-up: every sandbox we started, and the scratch directory ------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/sweeper-bench.XXXXXX")"
sandbox_pids=()
cleanup() {
  local p
  for p in "${sandbox_pids[@]}"; do
    kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The sandbox accepts any credentials; these never leave this machine.
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_REGION AWS_DEFAULT_REGION SWEEPER_JAVA_OPTS SWEEPER_JAR
# scripts/sweeper keeps its archive here for the bench, so the "first run" figure is a real first run.
export XDG_CACHE_HOME="$work/cache"

# ---- build -----------------------------------------------------------------------------------------
if (( build )); then
  log "building $jar (mvn -B -q package -DskipTests) ..."
  # shellcheck disable=SC2086
  MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -Dstyle.color=never ${BENCH_MVN_ARGS:-} package -DskipTests >"$work/mvn.log" 2>&1 \
    || { tail -40 "$work/mvn.log" >&2; die "build failed (see above)"; }
fi
[[ -f "$jar" ]] || die "$jar not found: build it, or drop --no-build"
jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"
export SWEEPER_JAR="$jar"   # scripts/sweeper runs the same jar
if [[ -n "$sandbox_jar" ]]; then
  [[ -f "$sandbox_jar" ]] || die "--sandbox-jar $sandbox_jar not found"
  sandbox_jar="$(cd "$(dirname "$sandbox_jar")" && pwd)/$(basename "$sandbox_jar")"
else
  sandbox_jar="$jar"
fi

# ---- sandbox ---------------------------------------------------------------------------------------
sb_url="" sb_pid=""
start_sandbox() {   # start_sandbox SYNTHETIC_SPEC (empty for no fleet) [MORE SANDBOX OPTIONS...]
  local spec="$1" out="$work/sandbox.$RANDOM.log" i
  shift
  local args=(sandbox --latency-ms "$latency" "$@")
  [[ -n "$spec" ]] && args+=(--synthetic "$spec")
  : >"$out"
  java -jar "$sandbox_jar" "${args[@]}" </dev/null >"$out" 2>&1 &
  sb_pid=$!
  sandbox_pids+=("$sb_pid")
  sb_url=""
  for ((i = 0; i < 1200; i++)); do     # up to 120 s: a large fleet takes a while to generate
    if grep -q "sandbox ready on" "$out"; then
      sb_url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out" | head -1)"
      break
    fi
    kill -0 "$sb_pid" 2>/dev/null || break
    sleep 0.1
  done
  [[ -n "$sb_url" ]] || { cat "$out" >&2; die "the sandbox did not start (${spec:-no fleet})"; }
}
stop_sandbox() {
  [[ -n "$sb_pid" ]] && kill "$sb_pid" 2>/dev/null && wait "$sb_pid" 2>/dev/null
  sb_pid=""
}

# "CloudWatch.GetMetricData" : 7, ...  ->  "GetMetricData 7" lines, in the sandbox's order; a notebook's
# Jupyter server's requests ("Jupyter.GET /api/kernels" : 7) as "Jupyter:GET/api/kernels 7": the sandbox
# delays them as it does AWS calls, and each holds a place of --max-concurrency, so they count.
ops_of() {
  grep -o '"[A-Za-z0-9]*\.[^"]*" *: *[0-9]*' \
    | sed -e 's/^"Jupyter\.\([A-Z]*\) *\([^"]*\)" *: */Jupyter:\1\2 /' -e 's/^"[A-Za-z0-9]*\.\([A-Za-z0-9]*\)" *: */\1 /'
}
# calls that take no place of --max-concurrency: SageMaker's listings (List*, except ListTags: aws/InFlight)
listing_calls_of() { grep -o '"SageMaker\.List[A-Za-z0-9]*" *: *[0-9]*' | grep -v '"SageMaker\.ListTags"' | awk -F: '{t+=$2} END{print t+0}'; }
# the summary object of a result document, on one line, e.g. "total":2000,"idle":468,...
summary_of() { tr -d ' \n\r\t' <"$1" | grep -o '"summary":{[^}]*}' | head -1; }
field_of() { grep -o "\"$2\":[0-9.]*" <<<"$1" | head -1 | cut -d: -f2; }
# "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.33" -> seconds
elapsed_of() { sed -n 's/.*Elapsed (wall clock).*: \([0-9:.]*\)$/\1/p' "$1" | awk -F: '{s=0; for(i=1;i<=NF;i++) s=s*60+$i; printf "%.2f", s}'; }
rss_mb_of() { sed -n 's/.*Maximum resident set size (kbytes): \([0-9]*\).*/\1/p' "$1" | awk '{printf "%.0f", $1/1024}'; }

run_env=()     # extra environment for the next run_fleet_cmd (e.g. AWS_RETRY_MODE=standard)
rows=()        # table rows, printed at the end
ops_lines=()   # calls by operation, one per row
large_targets=()
targets=()     # target lines
pass() { if [[ "$1" == 1 ]]; then echo PASS; else echo FAIL; fi; }

# run_fleet_cmd FLEET_LABEL EXPECTED_TOTAL COMMAND...
run_fleet_cmd() {
  local fleet="$1" expect="$2"; shift 2
  local name="${*}" base="$work/run.$RANDOM" rc stats ops total summary sum_total idle reported wall rss per check floor
  http POST "$sb_url/_sandbox/reset-stats" >/dev/null || die "could not reset the sandbox's stats"
  log "$fleet: $name ..."
  # Through scripts/sweeper, the documented launcher (same jar: SWEEPER_JAR), with its JVM options
  # and its CDS archive as every run after the first has it (made before the fleets, in a cache of
  # their own: the cold-start section below makes and measures a first run from scratch).
  "${timeout_cmd[@]}" /usr/bin/time -v -o "$base.time" \
    env ${run_env[@]+"${run_env[@]}"} XDG_CACHE_HOME="$work/cache-fleets" scripts/sweeper "$@" --endpoint-url "$sb_url" --region us-east-1 \
    --output json >"$base.json" 2>"$base.err"
  rc=$?
  stats="$(http GET "$sb_url/_sandbox/stats")" || die "could not read the sandbox's stats"
  ops="$(ops_of <<<"$stats" | awk '{printf "%s%s=%s", (NR>1?" ":""), $1, $2}')"
  total="$(ops_of <<<"$stats" | awk '{t+=$2} END{print t+0}')"
  wall="$(elapsed_of "$base.time")"; rss="$(rss_mb_of "$base.time")"
  [[ -n "$wall" ]] || wall="-"; [[ -n "$rss" ]] || rss="-"
  summary="$(summary_of "$base.json")"
  sum_total="$(field_of "$summary" total)"; idle="$(field_of "$summary" idle)"
  reported="$(tr -d ' \n\r\t' <"$base.json" | grep -o '"kind":"' | wc -l | tr -d ' ')"
  per="$(awk -v c="$total" -v n="$expect" 'BEGIN{printf "%.2f", n ? c/n : 0}')"
  # The least wall time these calls can take: each waits the sandbox's latency (AWS calls and
  # Jupyter requests alike), at most --max-concurrency (default 8) of them are out at once, and
  # SageMaker's listings, which take no place, add at most one chain of pages per kind read (six
  # for scan). So neither calls x latency / (max-concurrency + kinds) nor the calls that take a
  # place x latency / max-concurrency can be beaten; the floor is the larger of the two.
  local inflight=8 kinds=1 listings
  [[ "$name" =~ --max-concurrency\ ([0-9]+) ]] && inflight="${BASH_REMATCH[1]}"
  [[ "$name" == scan* ]] && kinds=6
  listings="$(listing_calls_of <<<"$stats")"
  floor="$(awk -v c="$total" -v s="$listings" -v l="$latency" -v n="$inflight" -v k="$kinds" \
    'BEGIN{a = c * l / 1000 / (n + k); b = (c - s) * l / 1000 / n; printf "%.1f", (a > b ? a : b)}')"
  if [[ "$sum_total" == "$expect" ]]; then check="ok"; else check="BAD(${sum_total:-none}!=$expect)"; fi
  (( rc == 124 )) && check="TIMEOUT(${limit}s)"
  rows+=("$(printf '%-16s %-35s %8s %7s %7s %9s %8s %8s %6s %-13s %4s' \
    "$fleet" "$name" "$wall" "$floor" "$total" "$per" "$rss" "$reported" "${idle:--}" "$check" "$rc")")
  ops_lines+=("$(printf '%-16s %-35s %s' "$fleet" "$name" "$ops")")
  if (( rc != 0 )) && [[ -s "$base.err" ]]; then
    log "  exit $rc; last lines of stderr:"; tail -5 "$base.err" | sed 's/^/    /' >&2
  fi
  last_wall="$wall" last_total="$total" last_idle="${idle:-0}" last_rss="$rss" last_rc="$rc" last_check="$check"
  last_json="$base.json" last_ops="$ops" last_floor="$floor"
}

# The Studio spaces a synthetic fleet of N apps has (sandbox/fleet/SyntheticFleet.domains: up to 200
# apps a domain, one space for every 5 apps of a domain, at least one): scan reports them too.
synthetic_spaces() {
  awk -v a="$1" 'BEGIN{ if (a <= 0) { print 0; exit } d = int((a + 199) / 200); per = int((a + d - 1) / d); s = 0; m = 0
    for (i = 0; i < d; i++) { c = (a - m < per) ? a - m : per; u = int(c / 5); s += (u < 1 ? 1 : u); m += c } print s }'
}

# ---- header ----------------------------------------------------------------------------------------
started="$(now)"
java_version="$(java -version 2>&1 | head -1)"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo '?')"
jar_given=0; [[ "$jar" != "$here/target/sweeper.jar" ]] && jar_given=1
dirty=""; [[ -n "$(git status --porcelain -- src pom.xml 2>/dev/null)" ]] && dirty="+uncommitted"

# ---- fleets ----------------------------------------------------------------------------------------
log "making the CDS archive for the fleet runs (scripts/sweeper's first run)"
XDG_CACHE_HOME="$work/cache-fleets" scripts/sweeper --version >/dev/null 2>&1
fleet_archive="made"
ls "$work"/cache-fleets/sweeper/sweeper-*.jsa >/dev/null 2>&1 || fleet_archive="NOT made: the fleet runs ran without one"
archive_note="not measured" empty_ops="not measured" cold_fail=0 limit_rows=()
(( only_notebooks )) && limits=0
if (( ! only_limits && ! only_notebooks )); then
fleets=("2000 1000 500")
(( quick )) || fleets+=("10000 5000 2000")
for f in "${fleets[@]}"; do
  read -r ne nn na <<<"$f"
  label="$ne/$nn/$na"
  log "starting the sandbox: endpoints=$ne,notebooks=$nn,apps=$na --latency-ms $latency"
  start_sandbox "endpoints=$ne,notebooks=$nn,apps=$na"
  # Each target is measured at the default --max-concurrency (8) and at 32, where the API allows more.
  for conc in "" "--max-concurrency 32"; do
    # shellcheck disable=SC2086
    run_fleet_cmd "$label" "$ne" endpoints idle $conc
    [[ "$ne" == 2000 ]] || break
    budget=$((60 + 3 * last_idle))
    ok=0; [[ "$last_rc" == 0 && "$last_check" == ok ]] && awk -v w="$last_wall" 'BEGIN{exit !(w < 3)}' \
      && (( last_total < budget )) && ok=1
    targets+=("$(printf '%-50s %-52s %s' "endpoints idle, 2,000 endpoints ${conc:-(default 8)}" \
      "wall ${last_wall}s (<3s), calls $last_total (<60+3x$last_idle idle=$budget)" "$(pass $ok)")")
  done
  for conc in "" "--max-concurrency 32"; do
    # shellcheck disable=SC2086
    run_fleet_cmd "$label" "$((ne + nn + na + $(synthetic_spaces "$na")))" scan $conc
    [[ "$ne" == 10000 ]] || break
    ok=0; [[ "$last_rc" == 0 && "$last_check" == ok ]] && awk -v w="$last_wall" -v r="$last_rss" \
      'BEGIN{exit !(w < 30 && r < 400)}' && ok=1
    large_targets+=("$(printf '%-50s %-52s %s' "scan, 10,000/5,000/2,000 ${conc:-(default 8)}" \
      "wall ${last_wall}s (<30s), peak RSS ${last_rss} MB (<400)" "$(pass $ok)")")
  done
  stop_sandbox
done
if (( quick )); then
  targets+=("$(printf '%-50s %-52s %s' "scan, 10,000/5,000/2,000" "not run (--quick)" "-")")
else
  targets+=("${large_targets[@]}")
fi

# ---- cold start ------------------------------------------------------------------------------------
# cold NAME COMMAND...: runs it $runs times, prints "median min max" in seconds; non-zero exits are counted
cold_fail=0
cold() {
  local i s e rc times=()
  for ((i = 0; i < runs; i++)); do
    s="$(now)"; "$@" </dev/null >/dev/null 2>"$work/cold.err"; rc=$?; e="$(now)"
    (( rc != 0 )) && { cold_fail=$((cold_fail + 1)); log "  exit $rc from: $*"; tail -3 "$work/cold.err" >&2; }
    times+=("$(awk -v s="$s" -v e="$e" 'BEGIN{printf "%.3f", e - s}')")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{t[NR]=$1} END{m = NR%2 ? t[(NR+1)/2] : (t[NR/2]+t[NR/2+1])/2; printf "%.3f %.3f %.3f", m, t[1], t[NR]}'
}
cold_rows=()
cold_row() {   # cold_row LABEL TARGET "median min max"
  local m mn mx ok; read -r m mn mx <<<"$3"
  ok=0; awk -v m="$m" -v t="$2" 'BEGIN{exit !(m < t)}' && ok=1
  cold_rows+=("$(printf '%-44s %7s %7s %7s   <%-4s %s' "$1" "$m" "$mn" "$mx" "$2" "$(pass $ok)")")
  targets+=("$(printf '%-50s %-52s %s' "cold: $1" "median ${m}s (<${2}s)" "$(pass $ok)")")
}

log "cold start: --version x$runs"
cold_row "java -jar sweeper.jar --version" 0.4 "$(cold java -jar "$jar" --version)"
s="$(now)"; scripts/sweeper --version >/dev/null 2>"$work/first.err"; first_rc=$?; e="$(now)"
first_run="$(awk -v s="$s" -v e="$e" 'BEGIN{printf "%.3f", e - s}')"
archive="$(ls -1 "$XDG_CACHE_HOME"/sweeper/sweeper-*.jsa 2>/dev/null | head -1)"
if [[ -n "$archive" ]]; then
  archive_note="made in ${first_run}s on the first run ($(du -m "$archive" | cut -f1) MB); exit $first_rc"
else
  archive_note="NOT made (first run ${first_run}s, exit $first_rc): scripts/sweeper fell back to plain java -jar"
fi
cold_row "scripts/sweeper --version (CDS + C1)" 0.4 "$(cold scripts/sweeper --version)"

log "cold start: empty-region scan x$runs"
start_sandbox ""
empty_args=(scan --region us-east-1 --endpoint-url "$sb_url" --output json)
cold_row "java -jar sweeper.jar scan (empty region)" 1.0 "$(cold java -jar "$jar" "${empty_args[@]}")"
cold_row "scripts/sweeper scan (empty region, CDS+C1)" 1.0 "$(cold scripts/sweeper "${empty_args[@]}")"
http POST "$sb_url/_sandbox/reset-stats" >/dev/null
java -jar "$jar" "${empty_args[@]}" >/dev/null 2>&1
empty_ops="$(http GET "$sb_url/_sandbox/stats" | ops_of | awk '{printf "%s%s=%s", (NR>1?" ":""), $1, $2; t+=$2} END{printf " (total %d)", t}')"
stop_sandbox
fi

# ---- notebooks alone: each InService notebook's Jupyter server is probed ----------------------------
# Its calls (the presigned URL, the Jupyter requests, the jupyter.log reads) keep pace with the rest:
# within 1.5x of the floor at the default --max-concurrency, and faster at 32. Side by side, one run.
nb_rows=()
if (( ! only_limits )); then
  nb_load_start="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
  log "notebooks alone: starting the sandbox: notebooks=1000 --latency-ms $latency"
  start_sandbox "notebooks=1000"
  nb_wall8=""
  for conc in "" "--max-concurrency 32"; do
    # shellcheck disable=SC2086
    run_fleet_cmd "0/1000/0" 1000 scan $conc
    nb_rows+=("$(printf '%-44s %8s %7s %7s %5s' "scan, 1,000 notebooks ${conc:-(default 8)}" "$last_wall" "$last_floor" \
      "$(awk -v w="$last_wall" -v f="$last_floor" 'BEGIN{printf "%.2fx", (f > 0 ? w / f : 0)}')" "$last_rc") load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)")
    ok=0
    if [[ -z "$conc" ]]; then
      nb_wall8="$last_wall"
      [[ "$last_rc" == 0 && "$last_check" == ok ]] && awk -v w="$last_wall" -v f="$last_floor" 'BEGIN{exit !(w <= 1.5 * f)}' && ok=1
      targets+=("$(printf '%-50s %-52s %s' "scan, 1,000 notebooks (default 8)" "wall ${last_wall}s <= 1.5 x floor ${last_floor}s" "$(pass $ok)")")
    else
      [[ "$last_rc" == 0 && "$last_check" == ok ]] && awk -v w="$last_wall" -v e="$nb_wall8" 'BEGIN{exit !(w < e)}' && ok=1
      targets+=("$(printf '%-50s %-52s %s' "scan, 1,000 notebooks --max-concurrency 32" "wall ${last_wall}s < ${nb_wall8}s at 8 (floor ${last_floor}s)" "$(pass $ok)")")
    fi
  done
  stop_sandbox
  nb_load_end="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
fi

# ---- rate limits: throttling, a per-operation limit, and the baseline idle check -------------------
# Each comparison is measured side by side in one run, so that the ratios hold on a shared machine.
# "default" = the sweeper's defaults (paced per operation, standard retries); "standard" and
# "adaptive" = the SDK's retry modes alone (--tps off, AWS_RETRY_MODE), for the README's choice.
verdicts_of() {   # verdicts_of JSON -> "kind/name/owner verdict" lines, sorted
  python3 -c 'import json,sys
for r in json.load(open(sys.argv[1])).get("resources", []):
    a = r.get("app") or {}
    print("%s/%s/%s/%s %s" % (r.get("kind"), r.get("name"), a.get("domainId", ""), a.get("space") or a.get("userProfile") or "", r.get("verdict")))' "$1" 2>/dev/null | sort
}
busiest_of() { tr ' ' '\n' <<<"$1" | awk -F= '$2 > m {m = $2; o = $1} END{print o, m + 0}'; }
limit_row() { limit_rows+=("$(printf '%-44s %8s %7s %4s %-9s %s' "$1" "$last_wall" "$last_total" "$last_rc" "$2" "$last_ops")"); }
if (( limits )) && ! command -v python3 >/dev/null 2>&1; then
  log "python3 not found: the rate-limit section needs it (verdicts, and the baseline script); skipped"
  limits=0
fi
if (( limits )); then
  small="endpoints=300,notebooks=100,apps=50"
  small_total=$((300 + 100 + 50 + $(synthetic_spaces 50)))
  saved_limit="$limit"
  limits_load_start="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
  # (a) 30% of requests throttled: the clean run's verdicts, exit 0, at most 3x its wall time.
  log "rate limits: clean scan of $small"
  start_sandbox "$small"
  run_fleet_cmd "300/100/50" "$small_total" scan
  clean_wall="$last_wall"; verdicts_of "$last_json" >"$work/clean.verdicts"
  clean_busiest="$(busiest_of "$last_ops")"
  limit_row "scan, clean (default)" "-"
  stop_sandbox
  log "rate limits: scan of $small with --throttle-rate 0.3"
  start_sandbox "$small" --throttle-rate 0.3
  run_fleet_cmd "300/100/50" "$small_total" scan
  same=0; verdicts_of "$last_json" | cmp -s - "$work/clean.verdicts" && same=1
  ok=0; (( same )) && [[ "$last_rc" == 0 ]] && awk -v w="$last_wall" -v c="$clean_wall" 'BEGIN{exit !(w <= 3 * c)}' && ok=1
  limit_row "scan, 30% throttled (default)" "same=$same"
  targets+=("$(printf '%-50s %-52s %s' "scan, 30% throttled" "${last_wall}s <= 3 x ${clean_wall}s, same verdicts=$same, exit $last_rc" "$(pass $ok)")")
  # The SDK's modes alone, for the README's choice; adaptive may crawl: at most 10x the clean run.
  limit="$(awk -v c="$clean_wall" 'BEGIN{printf "%d", c * 10 + 30}')"
  (( ${#timeout_cmd[@]} )) && timeout_cmd=(timeout "$limit")
  for mode in standard adaptive; do
    run_env=(AWS_RETRY_MODE="$mode")
    run_fleet_cmd "300/100/50" "$small_total" scan --tps off
    run_env=()
    same=0; verdicts_of "$last_json" | cmp -s - "$work/clean.verdicts" && same=1
    limit_row "scan, 30% throttled ($mode, --tps off)" "same=$same"
  done
  limit="$saved_limit"
  (( ${#timeout_cmd[@]} )) && timeout_cmd=(timeout "$limit")
  stop_sandbox
  # (b) A per-operation limit below what the sweeper sends: within 1.3x of the floor
  # (calls of the busiest operation in the clean run / the limit).
  sandbox_tps=20
  read -r busiest_op busiest_calls <<<"$clean_busiest"
  tps_floor="$(awk -v c="$busiest_calls" -v t="$sandbox_tps" 'BEGIN{printf "%.2f", c / t}')"
  log "rate limits: scan of $small against a sandbox limit of $sandbox_tps requests a second per operation"
  start_sandbox "$small" --tps "$sandbox_tps"
  run_fleet_cmd "300/100/50" "$small_total" scan
  same=0; verdicts_of "$last_json" | cmp -s - "$work/clean.verdicts" && same=1
  ok=0; (( same )) && [[ "$last_rc" == 0 ]] && awk -v w="$last_wall" -v f="$tps_floor" 'BEGIN{exit !(w <= 1.3 * f)}' && ok=1
  limit_row "scan, sandbox --tps $sandbox_tps (default)" "same=$same"
  targets+=("$(printf '%-50s %-52s %s' "scan, sandbox --tps $sandbox_tps" "${last_wall}s <= 1.3 x floor ${tps_floor}s ($busiest_calls $busiest_op / $sandbox_tps)" "$(pass $ok)")")
  limit="$(awk -v f="$tps_floor" 'BEGIN{printf "%d", f * 10 + 30}')"
  (( ${#timeout_cmd[@]} )) && timeout_cmd=(timeout "$limit")
  for mode in standard adaptive; do
    run_env=(AWS_RETRY_MODE="$mode")
    run_fleet_cmd "300/100/50" "$small_total" scan --tps off
    run_env=()
    same=0; verdicts_of "$last_json" | cmp -s - "$work/clean.verdicts" && same=1
    limit_row "scan, sandbox --tps $sandbox_tps ($mode, --tps off)" "same=$same"
  done
  limit="$saved_limit"
  (( ${#timeout_cmd[@]} )) && timeout_cmd=(timeout "$limit")
  stop_sandbox
  # (c) endpoints idle over 2,000 endpoints: at most 60 + 2 per idle endpoint calls, and at least
  # 20x faster than the baseline script (scripts/baseline-idle-endpoints.py) in the same sandbox.
  log "rate limits: endpoints idle over 2,000 endpoints, and the baseline script"
  start_sandbox "endpoints=2000,notebooks=1000,apps=500"
  run_fleet_cmd "2000/1000/500" 2000 endpoints idle
  idle_wall="$last_wall" idle_calls="$last_total" idle_n="$last_idle" idle_rc="$last_rc"
  limit_row "endpoints idle (default)" "idle=$idle_n"
  # What the default sagemaker-describe rate (100/s) costs here: the same run without it binding.
  run_fleet_cmd "2000/1000/500" 2000 endpoints idle --tps sagemaker-describe=1000
  limit_row "endpoints idle (--tps sagemaker-describe=1000)" "idle=$last_idle"
  http POST "$sb_url/_sandbox/reset-stats" >/dev/null
  s="$(now)"
  base_out="$("${timeout_cmd[@]}" python3 scripts/baseline-idle-endpoints.py --endpoint-url "$sb_url" --region us-east-1 2>"$work/baseline.err")"
  base_rc=$?; e="$(now)"
  base_wall="$(awk -v s="$s" -v e="$e" 'BEGIN{printf "%.2f", e - s}')"
  base_calls="$(http GET "$sb_url/_sandbox/stats" | ops_of | awk '{t+=$2} END{print t+0}')"
  (( base_rc != 0 )) && { log "baseline exit $base_rc:"; tail -5 "$work/baseline.err" >&2; }
  limit_rows+=("$(printf '%-44s %8s %7s %4s %-9s %s' "baseline script (boto3, one by one)" "$base_wall" "$base_calls" "$base_rc" "-" "$base_out")")
  stop_sandbox
  budget=$((60 + 2 * idle_n))
  speedup="$(awk -v b="$base_wall" -v w="$idle_wall" 'BEGIN{printf "%.1f", (w > 0 ? b / w : 0)}')"
  ok=0; [[ "$idle_rc" == 0 && "$base_rc" == 0 ]] && (( idle_calls <= budget )) \
    && awk -v x="$speedup" 'BEGIN{exit !(x >= 20)}' && ok=1
  targets+=("$(printf '%-50s %-52s %s' "endpoints idle, 2,000 endpoints vs baseline" "calls $idle_calls (<=60+2x$idle_n=$budget), ${speedup}x (>=20x: ${base_wall}s / ${idle_wall}s)" "$(pass $ok)")")
  limits_load_end="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
fi
finished="$(now)"

# ---- report ----------------------------------------------------------------------------------------
echo "== sweeper bench $(date -u +%Y-%m-%dT%H:%MZ)  commit $commit$dirty  $( ((quick)) && echo '--quick' || echo 'full')"
echo "   $java_version; $(nproc) CPUs; load average at end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
echo "   jar: $jar ($(du -m "$jar" | cut -f1) MB)$( ((jar_given)) && echo '; --jar: may not be built from the commit above')"
echo "   sandbox --latency-ms $latency; commands: <cmd> --endpoint-url URL --region us-east-1 --output json"
echo
echo "-- fleets (endpoints/notebooks/apps), run with scripts/sweeper (C1, SerialGC, CDS archive $fleet_archive); calls/res = API calls per resource of the kind(s) the command reads"
echo "   floor s = the larger of calls x ${latency} ms / (max-concurrency + kinds listed) and calls that take a place"
echo "   (all but SageMaker's listings; Jupyter requests included) x ${latency} ms / max-concurrency: no run making these calls can be faster"
printf '%-16s %-35s %8s %7s %7s %9s %8s %8s %6s %-13s %4s\n' \
  "fleet" "command" "wall s" "floor s" "calls" "calls/res" "RSS MB" "reported" "idle" "summary.total" "exit"
printf '%s\n' "${rows[@]}"
echo
echo "-- calls by operation"
printf '%s\n' "${ops_lines[@]}"
echo
if (( ${#nb_rows[@]} )); then
  echo "-- notebooks alone (sandbox --synthetic notebooks=1000 --latency-ms $latency; load average $nb_load_start at start, $nb_load_end at end)"
  printf '%-44s %8s %7s %7s %5s\n' "run" "wall s" "floor s" "ratio" "exit"
  printf '%s\n' "${nb_rows[@]}"
  echo
fi
if (( ${#limit_rows[@]} )); then
  echo "-- rate limits (sandbox --latency-ms $latency; load average $limits_load_start at start, $limits_load_end at end)"
  printf '%-44s %8s %7s %4s %-9s %s\n' "run" "wall s" "calls" "exit" "verdicts" "calls by operation (throttled attempts included)"
  printf '%s\n' "${limit_rows[@]}"
  echo
fi
echo "-- cold start, $runs runs each (seconds)"
printf '%-44s %7s %7s %7s   %-5s %s\n' "" "median" "min" "max" "target" ""
printf '%s\n' "${cold_rows[@]}"
echo "CDS archive: $archive_note"
echo "empty-region scan calls: $empty_ops"
(( cold_fail )) && echo "WARNING: $cold_fail cold-start run(s) exited non-zero (see stderr)"
echo
echo "-- targets"
printf '%s\n' "${targets[@]}"
echo
echo "bench took $(awk -v s="$started" -v e="$finished" 'BEGIN{printf "%.0f", e - s}') s (plus the build)"
