#!/usr/bin/env bash
# stop-cluster.sh — cancels the jobs of the cluster start-cluster.sh started and stops its daemons by the
# pids in $SLURM_CI_DIR/run/ (only if the pid is alive and has the daemon's name). Safe to call twice.
set -uo pipefail
DIR=${SLURM_CI_DIR:?set SLURM_CI_DIR}
CONF=$DIR/etc/slurm.conf
say() { echo "[slurm-cluster] $*"; }

alive() {  # pid file, expected /proc/PID/comm → prints the pid when that daemon runs
  local p
  [ -s "$1" ] || return 1
  p=$(cat "$1")
  [[ $p =~ ^[0-9]+$ ]] && [ "$(cat /proc/"$p"/comm 2>/dev/null)" = "$2" ] && echo "$p"
}

if alive "$DIR/run/slurmctld.pid" slurmctld >/dev/null && [ -f "$CONF" ]; then
  export SLURM_CONF=$CONF
  jobs=$(squeue -h -o %A 2>/dev/null | tr '\n' ' ')
  if [ -n "${jobs// /}" ]; then
    say "cancelling jobs $jobs"
    scancel $jobs 2>/dev/null
    for _ in $(seq 1 40); do [ -z "$(squeue -h -o %A 2>/dev/null)" ] && break; sleep 0.25; done
  fi
fi

stop() {  # daemon names: TERM, then KILL after 10 s
  local d p pids=()
  for d in "$@"; do
    if p=$(alive "$DIR/run/$d.pid" "$d"); then say "stopping $d (pid $p)"; kill -TERM "$p" 2>/dev/null; pids+=("$p"); fi
  done
  for _ in $(seq 1 40); do
    local running=0
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && running=1; done
    [ $running = 0 ] && break
    sleep 0.25
  done
  for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && { say "pid $p still runs: SIGKILL"; kill -KILL "$p"; }; done
  for d in "$@"; do rm -f "$DIR/run/$d.pid"; done
}
stop slurmd slurmctld
stop munged
if [ -L /etc/slurm/slurm.conf ] && [ "$(readlink /etc/slurm/slurm.conf)" = "$CONF" ]; then rm -f /etc/slurm/slurm.conf; fi
exit 0
