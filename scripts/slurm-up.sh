#!/usr/bin/env bash
# Starts a real one-node Slurm cluster (slurmctld, slurmd, slurmdbd with MariaDB, munge) on this
# machine from Debian 12's packages, without systemd, for the test suite. Installs what is
# missing, writes /etc/slurm/{slurm,slurmdbd}.conf, starts the daemons directly, records their
# PIDs in $STATE, registers the cluster and waits until the node is idle. Idempotent.
# Stop it with scripts/slurm-down.sh. Needs root.
set -euo pipefail
STATE=${DFLOW_SLURM_STATE:-/run/dflow-slurm}
mkdir -p "$STATE"
# The daemons must not inherit the caller's open files: started under `flock /tmp/slurm.lock`,
# they would hold the lock for as long as they run. Every descriptor above 2 is closed (255 is
# the one bash reads this script from).
for fd in "/proc/$$/fd"/*; do
  fd=${fd##*/}
  if [ "$fd" -gt 2 ] && [ "$fd" -ne 255 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
done

need=()
for c in slurmctld slurmd sbatch slurmdbd munged mariadbd; do command -v "$c" >/dev/null || need+=("$c"); done
if ((${#need[@]} > 0)); then
  # Package scripts must not start daemons (there is no init system to talk to).
  made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; made_policy=1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge slurmdbd mariadb-server >/dev/null
  [ "$made_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
fi

alive() { [ -f "$STATE/$1.pid" ] && kill -0 "$(cat "$STATE/$1.pid")" 2>/dev/null && [ "$(awk '{print $3}' "/proc/$(cat "$STATE/$1.pid")/stat" 2>/dev/null)" != Z ]; }

host=$(hostname -s)
cpus=$(nproc)
mem=$(awk '/MemTotal/ {print int($2/1024) - 512}' /proc/meminfo)
defmem=$(( mem / cpus < 1024 ? mem / cpus : 1024 ))
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=localci
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=$STATE/slurmctld.daemon.pid
SlurmdPidFile=$STATE/slurmd.daemon.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/linux
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=$defmem
MaxArraySize=1001
MaxJobCount=10000
MinJobAge=300
ReturnToService=2
MpiDefault=none
SchedulerParameters=sched_interval=2,bf_interval=2
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
AccountingStoreFlags=job_comment
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus Boards=1 SocketsPerBoard=1 CoresPerSocket=$cpus ThreadsPerCore=1 RealMemory=$mem
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
cat > /etc/slurm/slurmdbd.conf <<CONF
AuthType=auth/munge
DbdHost=localhost
SlurmUser=root
PidFile=$STATE/slurmdbd.daemon.pid
LogFile=/var/log/slurm/slurmdbd.log
StorageType=accounting_storage/mysql
StorageHost=localhost
StorageUser=slurm
StoragePass=slurm
StorageLoc=slurm_acct_db
CONF
chmod 600 /etc/slurm/slurmdbd.conf

# munge, as its own user.
if ! alive munged; then
  mkdir -p /run/munge && chown munge:munge /run/munge
  [ -f /etc/munge/munge.key ] || { mungekey -c -f >/dev/null 2>&1 || create-munge-key -f >/dev/null; chown munge:munge /etc/munge/munge.key; }
  runuser -u munge -- munged --pid-file=/run/munge/munged.pid
  for _ in $(seq 50); do [ -s /run/munge/munged.pid ] && break; sleep 0.1; done
  cp /run/munge/munged.pid "$STATE/munged.pid"
fi

# MariaDB.
if ! alive mariadbd; then
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
  [ -d /var/lib/mysql/mysql ] || mariadb-install-db --user=mysql >/dev/null
  setsid mariadbd --user=mysql --pid-file=/run/mysqld/mysqld.pid --innodb-buffer-pool-size=1G --innodb-lock-wait-timeout=900 >/var/log/slurm/mariadb.log 2>&1 &
  echo $! > "$STATE/mariadbd.pid"
  for _ in $(seq 100); do mariadb-admin ping >/dev/null 2>&1 && break; sleep 0.1; done
  mariadb -e "CREATE USER IF NOT EXISTS 'slurm'@'localhost' IDENTIFIED BY 'slurm'; GRANT ALL ON slurm_acct_db.* TO 'slurm'@'localhost'; FLUSH PRIVILEGES;"
fi

start() { # name, command…
  local name=$1; shift
  if ! alive "$name"; then
    setsid "$@" >/dev/null 2>&1 &
    echo $! > "$STATE/$name.pid"
  fi
}
start slurmdbd slurmdbd -D
for _ in $(seq 100); do sacctmgr -n list cluster >/dev/null 2>&1 && break; sleep 0.1; done
sacctmgr -i add cluster localci >/dev/null 2>&1 || true
start slurmctld slurmctld -D
start slurmd slurmd -D
for _ in $(seq 200); do
  if scontrol ping 2>/dev/null | grep -q UP && sinfo -h -o %t 2>/dev/null | grep -qE '^idle|^mix|^alloc'; then
    echo "slurm up: $(sinfo -h -o '%P %D %t %c')"
    exit 0
  fi
  sleep 0.1
done
echo "slurm did not come up; see /var/log/slurm" >&2
exit 1
