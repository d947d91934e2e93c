#!/usr/bin/env bash
# start-cluster.sh — a throw-away single-node Slurm cluster for tests/slurm/run.sh: munged, slurmctld and
# slurmd started by hand (no systemd), all traffic on 127.0.0.1, state under $SLURM_CI_DIR. Installs Debian's
# slurmctld, slurmd, slurm-client and munge when missing (root only). Writes $SLURM_CI_DIR/env.sh.
# Daemons are stopped by tests/slurm/stop-cluster.sh, by the pids in $SLURM_CI_DIR/run/, never by name.
set -euo pipefail
DIR=${SLURM_CI_DIR:?set SLURM_CI_DIR}
CTLD_PORT=${SLURM_CI_CTLD_PORT:-6817}
SLURMD_PORT=${SLURM_CI_SLURMD_PORT:-6818}
say() { echo "[slurm-cluster] $*"; }
[ "$(id -u)" = 0 ] || { echo "start-cluster.sh: needs root (it installs packages and runs slurmd)" >&2; exit 1; }

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  say "installing slurmctld slurmd slurm-client munge"
  # The packages' postinst must not start daemons of their own.
  policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; policy=1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null
  [ -n "$policy" ] && rm -f /usr/sbin/policy-rc.d
fi

mkdir -p "$DIR"/{etc,state,spool,log,run,munge}
chmod 755 "$DIR" "$DIR/munge"   # munged wants its socket directory world-searchable, not writable

# The node's name must resolve locally, never through DNS.
HOST=$(hostname -s)
grep -Eq "^[^#]*[[:space:]]${HOST}([[:space:]]|\$)" /etc/hosts || echo "127.0.0.1 $HOST" >> /etc/hosts

KEY=$DIR/munge/munge.key SOCK=$DIR/munge/munge.socket.2
[ -s "$KEY" ] || dd if=/dev/urandom of="$KEY" bs=1024 count=1 status=none
chown root:root "$KEY"; chmod 400 "$KEY"
munged --key-file="$KEY" --socket="$SOCK" --pid-file="$DIR/run/munged.pid" --log-file="$DIR/log/munged.log" --seed-file="$DIR/munge/munged.seed"
munge -n -S "$SOCK" | unmunge -S "$SOCK" >/dev/null

CONF=$DIR/etc/slurm.conf
cat > "$CONF" <<EOF
ClusterName=osteo-ci
SlurmctldHost=${HOST}(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=${CTLD_PORT}
SlurmdPort=${SLURMD_PORT}
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=${SOCK}
StateSaveLocation=${DIR}/state
SlurmdSpoolDir=${DIR}/spool
SlurmctldPidFile=${DIR}/run/slurmctld.pid
SlurmdPidFile=${DIR}/run/slurmd.pid
SlurmctldLogFile=${DIR}/log/slurmctld.log
SlurmdLogFile=${DIR}/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
DependencyParameters=kill_invalid_depend
MailProg=/bin/true
ReturnToService=2
MinJobAge=600
NodeName=${HOST} NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
echo "export SLURM_CONF=$CONF" > "$DIR/env.sh"
export SLURM_CONF=$CONF
# A Slurm client without a config looks for a controller through DNS: point the default path at ours.
mkdir -p /etc/slurm
if [ ! -e /etc/slurm/slurm.conf ] || [ -L /etc/slurm/slurm.conf ]; then ln -sfn "$CONF" /etc/slurm/slurm.conf; fi

slurmctld -f "$CONF"
slurmd -f "$CONF" -N "$HOST"
state=
for _ in $(seq 1 120); do   # at most 60 s
  state=$(sinfo -h -n "$HOST" -o %T 2>/dev/null || true)
  [ "$state" = idle ] && break
  sleep 0.5
done
if [ "$state" != idle ]; then
  echo "start-cluster.sh: node $HOST is '$state', not idle; logs:" >&2
  tail -n 30 "$DIR"/log/*.log >&2
  exit 1
fi
say "munged $(cat "$DIR/run/munged.pid"), slurmctld $(cat "$DIR/run/slurmctld.pid"), slurmd $(cat "$DIR/run/slurmd.pid"); node $HOST idle"
