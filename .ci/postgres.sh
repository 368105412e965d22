# Start Debian's PostgreSQL cluster and export TALLY_TEST_PG for the tests (sourced by .ci/run).
if command -v pg_lsclusters >/dev/null 2>&1; then
  ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_lsclusters -h | grep -q "^$ver main" || pg_createcluster "$ver" main >/dev/null
  pg_ctlcluster "$ver" main start || true
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='tally'\"" | grep -q 1 ||
    su postgres -c "psql -qc \"CREATE ROLE tally LOGIN SUPERUSER PASSWORD 'tally'\""
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='tally_test'\"" | grep -q 1 ||
    su postgres -c "createdb -O tally tally_test"
  export TALLY_TEST_PG="postgresql://tally:tally@127.0.0.1:5432/tally_test"
fi
