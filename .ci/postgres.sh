# Start Debian's PostgreSQL cluster and export TALLY_TEST_PG for the tests (sourced by .ci/run).
# Needs root and the `postgresql` package; works whether or not apt already created or started
# the cluster. Tests then make (and drop) a fresh database each from this server.
if command -v pg_lsclusters >/dev/null 2>&1 && [ -d /usr/lib/postgresql ]; then
  ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_lsclusters -h | grep -q "^$ver main " || pg_createcluster "$ver" main >/dev/null
  pg_ctlcluster "$ver" main start >/dev/null 2>&1 || true
  port=$(pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" { print $3 }')
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 1; done
  su postgres -c "psql -p $port -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='tally'\"" | grep -q 1 ||
    su postgres -c "psql -p $port -qc \"CREATE ROLE tally LOGIN SUPERUSER PASSWORD 'tally'\""
  su postgres -c "psql -p $port -qtAc \"SELECT 1 FROM pg_database WHERE datname='tally_test'\"" | grep -q 1 ||
    su postgres -c "createdb -p $port -O tally tally_test"
  export TALLY_TEST_PG="postgresql://tally:tally@127.0.0.1:$port/tally_test"
fi
