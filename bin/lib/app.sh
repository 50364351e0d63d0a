# Shared by bin/bench and bin/loadtest: start/stop the packaged app, readiness, synthetic members, logins.
# Sourced, not run. Expects: PORT, DB, REDIS_URL, OUT (a folder for logs), and optionally HPF_APP_OPTS.

BASE="http://127.0.0.1:${PORT}"
APP_PID=""
export PGPASSWORD="${HPF_DB_PASSWORD:-hpf}"

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
psql_db() { psql -qAt -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${HPF_PG_PORT:-5432}" -U "${HPF_DB_USER:-hpf}" -d "$DB" "$@"; }
redis_index() { echo "${REDIS_URL##*/}"; }

app_ready() { curl -fs -o /dev/null --max-time 2 "$BASE/q/health/ready"; }
port_taken() { curl -s -o /dev/null --max-time 2 "$BASE/" ; }

build_app() {
  if [ "${HPF_SKIP_BUILD:-0}" = "1" ] && [ -f target/quarkus-app/quarkus-run.jar ]; then return 0; fi
  log "packaging the app (mvn package -DskipTests)"
  mvn -B -ntp -q package -DskipTests >"$OUT/build.log" 2>&1 || die "build failed, see $OUT/build.log"
}

# Drops and recreates the database and empties its Redis index: every run starts from the same state (a
# member may make one RENT withdrawal a month, and Redis caches versions and daily budget counters).
fresh_state() {
  log "fresh state: dropping database $DB and flushing Redis index $(redis_index)"
  psql -qAt -h 127.0.0.1 -p "${HPF_PG_PORT:-5432}" -U "${HPF_DB_USER:-hpf}" -d postgres \
    -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null || die "could not drop database $DB"
  HPF_DATABASES="$DB" bin/services
  redis-cli -h 127.0.0.1 -p "${HPF_REDIS_PORT:-6379}" -n "$(redis_index)" FLUSHDB >/dev/null
}

# app_start NAME [extra JVM options...]: the packaged app, sandbox profile, 512 MB heap, a JFR recording.
app_start() {
  local name="$1"; shift
  if port_taken; then die "something already answers on port $PORT; stop it or choose HPF_PORT"; fi
  log "starting the app ($name) on port $PORT, database $DB, Redis $REDIS_URL"
  # Brute-force limits off: every simulated member logs in from this one address.
  # shellcheck disable=SC2086
  QUARKUS_PROFILE=sandbox java -Xmx512m -XX:+UseG1GC \
    -XX:StartFlightRecording=filename="$OUT/$name.jfr",settings=profile,dumponexit=true \
    -Dquarkus.http.port="$PORT" -Dhpf.db.name="$DB" -Dhpf.redis.url="$REDIS_URL" \
    -Dquarkus.log.console.json.enabled=false -Dhpf.rate-limit.enabled=false ${HPF_APP_OPTS:-} "$@" \
    -jar target/quarkus-app/quarkus-run.jar >"$OUT/$name.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 240); do
    app_ready && { log "app ready (pid $APP_PID)"; return 0; }
    kill -0 "$APP_PID" 2>/dev/null || die "the app exited during start, see $OUT/$name.log"
    sleep 0.5
  done
  die "the app was not ready after 120 s, see $OUT/$name.log"
}

app_stop() {
  [ -n "$APP_PID" ] || return 0
  if kill -0 "$APP_PID" 2>/dev/null; then
    log "stopping the app (pid $APP_PID)"
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$APP_PID" 2>/dev/null && kill -KILL "$APP_PID" 2>/dev/null
  fi
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}

# Generates synthetic members 1..N unless they exist (the app must have migrated the schema).
ensure_members() {
  local want="$1" have
  have=$(psql_db -c "SELECT count(*) FROM member WHERE synthetic")
  if [ "$have" -lt "$want" ]; then
    log "generating synthetic members (have $have, want $want)"
    HPF_DB_NAME="$DB" bin/generate-members "$want" >"$OUT/generate-members.log" 2>&1 \
      || die "bin/generate-members failed, see $OUT/generate-members.log"
    # Settle the bulk load now, as a database in service would be: otherwise autovacuum works through millions of
    # fresh ledger rows during the first measurements (seen during the account read on 2026-11-25).
    log "vacuum and analyze after the bulk load"
    psql_db -c "VACUUM (ANALYZE)" >/dev/null 2>&1 || log "VACUUM failed (measurements may meet autovacuum)"
  fi
}

# True when METHOD PATH is routed by the running app. Sent unauthenticated with an empty JSON body: a route
# that exists answers 401/400/2xx (or a 404 with a code of its own, e.g. an unknown id), while a path no
# resource serves answers 404 NOT_FOUND ("No resource at ...") or 405. Used so that a scenario whose route is not merged
# yet fails loudly instead of measuring 404s.
route_exists() {
  local method="$1" path="$2" code body
  body=$(curl -s -w '\n%{http_code}' -X "$method" -H 'Content-Type: application/json' -d '{}' --max-time 5 "$BASE$path")
  code="${body##*$'\n'}"
  case "$code" in
    000|405) return 1 ;;
    404) [[ "$body" == *'"code"'* && "$body" != *'"code":"NOT_FOUND"'* ]] ;;
    *) return 0 ;;
  esac
}

# login FIRST COUNT FILE: member tokens of synthetic members FIRST..FIRST+COUNT-1, one "memberIndex token" a line.
# Real logins (PBKDF2 on the server), retried on 503 and timeouts; failures are kept in FILE.failed.
login_members() {
  local first="$1" count="$2" file="$3"
  seq "$first" $((first + count - 1)) | xargs -P "${HPF_LOGIN_PARALLEL:-4}" -I{} sh -c '
    no=$(printf "8%011d" "{}")
    body=$(curl -s --retry 5 --retry-delay 1 --max-time 20 -H "Content-Type: application/json" \
      -d "{\"memberNo\":\"$no\",\"password\":\"Load@2026\",\"channel\":\"APP\"}" "'"$BASE"'/v1/auth/token")
    t=$(printf "%s" "$body" | jq -r .accessToken 2>/dev/null)
    if [ -n "$t" ] && [ "$t" != null ]; then echo "{} $t"; else echo "{} $body" >>"'"$file"'.failed"; fi
  ' >"$file" || true
  [ "$(wc -l <"$file")" -eq "$count" ] \
    || die "only $(wc -l <"$file") of $count logins succeeded; first failures: $(head -c 600 "$file.failed" 2>/dev/null)"
}

machine_line() {
  printf '%s, %s cores, %s GiB RAM, %s' "$(uname -srm)" "$(nproc)" \
    "$(awk '/MemTotal/ {printf "%.0f", $2/1048576}' /proc/meminfo)" "$(java -version 2>&1 | head -1)"
}

# Peak RSS (VmHWM) of a process in MiB.
peak_rss_mib() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }

# Replaces the block between <!-- NAME:begin --> and <!-- NAME:end --> of docs/performance.md (or appends it).
write_doc_block() {
  local name="$1" content_file="$2" doc=docs/performance.md
  mkdir -p docs; [ -f "$doc" ] || echo "# Performance" >"$doc"
  python3 - "$doc" "$name" "$content_file" <<'PY'
import sys, re
doc, name, content = sys.argv[1], sys.argv[2], open(sys.argv[3]).read().rstrip("\n")
text = open(doc).read()
begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
block = f"{begin}\n{content}\n{end}"
if begin in text and end in text:
    text = re.sub(re.escape(begin) + r".*?" + re.escape(end), lambda m: block, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + block + "\n"
open(doc, "w").write(text)
PY
}
