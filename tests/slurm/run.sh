#!/usr/bin/env bash
# npm run test:slurm — a virtual population through a real (throw-away, single-node) Slurm cluster:
# `osteo plan --slurm` submits a job array of shards and a merge job; the merged result must be byte-identical
# to the local `osteo run --format json`; a failed array task must surface as a failed merge naming its shard.
# Starts munged/slurmctld/slurmd on 127.0.0.1 (tests/slurm/start-cluster.sh; installs Debian's packages when
# missing; needs root) and stops them by pid whatever happens (trap). Waits are bounded.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/tests/slurm
export SLURM_CI_DIR=${SLURM_CI_DIR:-$(mktemp -d /tmp/osteo-slurm.XXXXXX)}
WORK=$SLURM_CI_DIR/work
FIXTURE=$ROOT/tests/cli/fixtures/sharded-population.osteo
WAIT_SECONDS=${OSTEO_SLURM_WAIT:-600}
t0=$SECONDS
say() { echo "[test:slurm $((SECONDS - t0)) s] $*"; }
fail() { echo "[test:slurm] FAIL: $*" >&2; exit 1; }

cleanup() {
  local rc=$?
  "$HERE/stop-cluster.sh" || true
  if [ $rc = 0 ]; then rm -rf "$SLURM_CI_DIR"; else echo "[test:slurm] kept $SLURM_CI_DIR for inspection" >&2; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ -f "$ROOT/out/cli.js" ] || (cd "$ROOT" && npm run build >/dev/null)
OSTEO_CLI=("$(command -v node)" "$ROOT/out/cli.js")

say "starting a single-node Slurm cluster in $SLURM_CI_DIR"
"$HERE/start-cluster.sh"
. "$SLURM_CI_DIR/env.sh"
mkdir -p "$WORK"
cd "$WORK"

say "local run"
"${OSTEO_CLI[@]}" run "$FIXTURE" --format json > local.json

# The state of a job (every task of an array), one per line.
states() { scontrol show job "$1" -o 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2; }
# Waits (bounded) until no task of job $1 is pending or running; prints its states.
wait_job() {
  local s
  for _ in $(seq 1 $((WAIT_SECONDS * 2))); do
    s=$(states "$1")
    if [ -n "$s" ] && ! grep -Eq '^(PENDING|RUNNING|CONFIGURING|COMPLETING|SUSPENDED)$' <<<"$s"; then echo "$s"; return 0; fi
    sleep 0.5
  done
  echo "timeout"; squeue >&2; return 1
}
submit() {  # OUT_DIR, then extra env; prints the merge job id
  local out
  out=$(env OUT_DIR="$1" "${@:2}" bash "$WORK/plan.sh")
  echo "$out" >&2
  sed -n 's/^ARRAY_JOB=\([0-9]*\) MERGE_JOB=\([0-9]*\).*/\1 \2/p' <<<"$out"
}

say "osteo plan --slurm --shards 3"
"${OSTEO_CLI[@]}" plan "$FIXTURE" --slurm --shards 3 --out plan.sh

say "submitting the study"
read -r ARRAY MERGE < <(submit "$WORK/study")
[ -n "${MERGE:-}" ] || fail "plan.sh printed no job ids"
array_states=$(wait_job "$ARRAY") || fail "the array job did not finish within ${WAIT_SECONDS} s"
merge_state=$(wait_job "$MERGE") || fail "the merge job did not finish within ${WAIT_SECONDS} s"
say "array $ARRAY: $(echo $array_states); merge $MERGE: $merge_state"
[ "$(sort -u <<<"$array_states")" = COMPLETED ] || { tail -n 20 "$WORK"/study/logs/*.log >&2; fail "array tasks: $array_states"; }
[ "$merge_state" = COMPLETED ] || { cat "$WORK"/study/logs/*merge*.log >&2; fail "merge job: $merge_state"; }
ls "$WORK"/study/shards/shard-{1,2,3}.json >/dev/null || fail "a shard file is missing"
ls "$WORK"/study/logs/osteo-sharded-population-"${ARRAY}"_{1,2,3}.log >/dev/null || fail "no %A_%a log per task"
# Everything but the solver's wall-clock time (solveSeconds) must be equal byte for byte.
untimed() { sed -E 's/"solveSeconds": [0-9.e+-]+/"solveSeconds": 0/' "$1"; }
cmp <(untimed local.json) <(untimed "$WORK/study/result.json") || fail "the merged result differs from the local run"
grep -q '"populations"' local.json || fail "the local run has no population"
say "PASS: the merged Slurm result is byte-identical to the local run, solver timings aside ($(wc -c < local.json) bytes)"

say "a failing task: shard 2's task exits with an error"
cat > failing-osteo.sh <<EOF
#!/usr/bin/env bash
if [ "\${1:-}" = run ] && [ "\${SLURM_ARRAY_TASK_ID:-}" = 2 ]; then echo "simulated node failure" >&2; exit 1; fi
exec ${OSTEO_CLI[0]} ${OSTEO_CLI[1]} "\$@"
EOF
chmod +x failing-osteo.sh
read -r ARRAY MERGE < <(submit "$WORK/failing" OSTEO="$WORK/failing-osteo.sh")
array_states=$(wait_job "$ARRAY") || fail "the failing array did not finish within ${WAIT_SECONDS} s"
merge_state=$(wait_job "$MERGE") || fail "the merge after a failed task did not finish within ${WAIT_SECONDS} s"
say "array $ARRAY: $(echo $array_states); merge $MERGE: $merge_state"
grep -qx FAILED <<<"$array_states" || fail "the failing task was not FAILED: $array_states"
[ "$merge_state" = FAILED ] || fail "the merge after a failed task is $merge_state, not FAILED"
merge_log=$(ls "$WORK"/failing/logs/*merge*.log)
grep -q 'missing shard 2 of 3' "$merge_log" || { cat "$merge_log" >&2; fail "the merge log does not name shard 2"; }
[ ! -e "$WORK/failing/result.json" ] || fail "a result was written despite the failed task"
say "PASS: the failed task surfaces as a failed merge: $(grep -o 'missing shard 2 of 3[^;]*' "$merge_log")"
say "done"
