"""Turns bin/bench's results.jsonl into the markdown block of docs/performance.md: one row per scenario with
its throughput next to the no-op measured just before it, the ratio, latencies, and the issue's target."""
import datetime
import json
import math
import sys

results_path, machine, duration, conns, warmup, out_dir, app_opts, rss = sys.argv[1:9]
rows = {}
for line in open(results_path):
    line = line.strip()
    if line:
        r = json.loads(line)
        rows[r["label"]] = r

# scenario label -> (title, minimum ratio to the no-op, p99 bound in ms)
TARGETS = {
    "account": ("1. Account read (JWT + Redis)", 0.4, 20),
    "calculator": ("2. Calculator (equal instalment / principal)", 0.55, None),
    "admission": ("3. Withdrawal admission, spread over many members", 0.03, 100),
    "hot-budget-redis": ("4a. Admission on one shared daily budget, `hpf.admission.mode=redis`", None, None),
    "hot-budget-postgres": ("4b. Admission on one shared daily budget, `hpf.admission.mode=postgres`", None, None),
    "refusal-flood": ("6. Refusal flood, the day's budget exhausted (ok = 503 DAILY_BUDGET_EXHAUSTED)", 0.15, None),
}
# The refusal flood is answered from Redis: PostgreSQL's CPU during it stays below this share of one core.
FLOOD_POSTGRES_MAX_PCT = 3
# CPU of the whole box (app + PostgreSQL + Redis) per admitted withdrawal, its payout included, in ms.
WITHDRAWAL_CPU_MAX_MS = 1.2


def short(value, target):
    return f"missed by {100 * (1 - value / target):.0f} %" if value < target else "met"


def fmt(x, digits=0):
    return f"{x:,.{digits}f}"


def ratio_of(label):
    noop = rows.get(label + "-noop", {}).get("okRps") or float("nan")
    return rows[label]["okRps"] / noop, noop


def median_round(label):
    """The scenario's measured rounds (label, label@2, ...) as (ratio, noop, row), and the one whose ratio is the
    median (the lower one of an even count); (rounds, None) when no round has both its no-op and its scenario."""
    rounds = []
    for name in [label] + [k for k in rows if k.startswith(label + "@") and not k.endswith("-noop")]:
        if name in rows and "missing" not in rows[name]:
            ratio, noop = ratio_of(name)
            if not math.isnan(ratio):
                rounds.append((ratio, noop, rows[name]))
    ranked = sorted(rounds, key=lambda t: t[0])
    return rounds, (ranked[(len(ranked) - 1) // 2] if ranked else None)


out = []
out.append(f"### bin/bench — {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC")
out.append("")
out.append(f"Machine: {machine}. Load generator (wrk, {conns} connections) on the same box; "
           f"{duration} s per measurement after {warmup} of warm-up; app `-Xmx512m`, sandbox profile"
           + (f", `{app_opts}`" if app_opts else "") + f". Peak RSS of the app (redis mode): {rss} MiB. "
           f"Raw output, logs and JFR recordings: `{out_dir}/`.")
out.append("")
out.append("| scenario | ok req/s | no-op req/s (same run) | ratio | p50 ms | p99 ms | non-2xx | target | verdict |")
out.append("|---|---:|---:|---:|---:|---:|---|---|---|")
verdicts = []
for label, (title, min_ratio, p99_bound) in TARGETS.items():
    r = rows.get(label)
    if r is not None and "missing" in r:
        out.append(f"| {title} | — | — | — | — | — | — | | not run: `{r['missing']}` is not on this build |")
        continue
    rounds, median = median_round(label)
    if median is None:
        if r is not None or any(k.startswith(label + "@") for k in rows):
            out.append(f"| {title} | — | — | — | — | — | — | | not measured: no round has both its no-op and "
                       f"its scenario (see the wrk output) |")
        continue
    ratio, noop, r = median
    other = {k: v for k, v in r["statuses"].items() if not k.startswith("2")}
    target, verdict = [], []
    if min_ratio is not None:
        target.append(f"≥ {min_ratio}×")
        verdict.append(short(ratio, min_ratio))
    if p99_bound is not None:
        target.append(f"p99 < {p99_bound} ms")
        verdict.append("met" if r["p99Ms"] < p99_bound else f"p99 over by {r['p99Ms'] - p99_bound:.1f} ms")
    if label == "refusal-flood" and r.get("cpuSeconds"):
        pg_pct = 100 * r["cpuSeconds"]["postgres"] / r["seconds"]
        target.append(f"PostgreSQL CPU < {FLOOD_POSTGRES_MAX_PCT} % of a core")
        # Negative when other clients' backends exited during the run: /proc cannot tell then.
        verdict.append(f"PostgreSQL {pg_pct:.1f} %: " + ("not measurable (backends exited during the run)"
                                                       if pg_pct < 0 else "met" if pg_pct < FLOOD_POSTGRES_MAX_PCT
                                                       else "missed"))
        xacts = rows.get("refusal-flood-postgres", {}).get("xacts")
        if xacts is not None and r["ok"]:
            verdict.append(f"{xacts} PostgreSQL transactions in its database ({1000 * xacts / r['ok']:.1f} per "
                           f"1,000 refusals)")
    row_verdict = ", ".join(verdict) if verdict else "see 4a/4b"
    verdicts.append((title, row_verdict))
    shown = f"{ratio:.3f}×" + ("" if len(rounds) < 2 else
                                " (median of " + ", ".join(f"{x[0]:.3f}" for x in rounds) + ")")
    out.append(f"| {title} | {fmt(r['okRps'])} | {fmt(noop)} | {shown} | {r['p50Ms']:.2f} | {r['p99Ms']:.2f} | "
               f"{json.dumps(other) if other else '—'} | {' and '.join(target) or '—'} | {row_verdict} |")

redis_hot, pg_hot = rows.get("hot-budget-redis"), rows.get("hot-budget-postgres")
if redis_hot and pg_hot and "missing" not in redis_hot:
    if redis_hot["okRps"] and pg_hot["okRps"]:
        speedup = redis_hot["okRps"] / pg_hot["okRps"]
        out.append(f"| 4. Hot budget: redis ÷ postgres mode | | | {speedup:.2f}× | | | | — (target withdrawn: it "
                   f"measured a hot row admission never reached) | for information |")
    else:
        out.append("| 4. Hot budget: redis ÷ postgres mode | | | — | | | | — | not measured: a mode admitted "
                   "nothing (see non-2xx) |")
adm = rows.get("admission")
if adm and adm.get("cpuSeconds") and adm.get("ok"):
    c = adm["cpuSeconds"]
    per = 1000 * (c["app"] + c["postgres"] + c["redis"]) / adm["ok"]
    verdict = "met" if per <= WITHDRAWAL_CPU_MAX_MS else f"missed: {per / WITHDRAWAL_CPU_MAX_MS:.1f}× the budget"
    out.append(f"| 5. CPU per admitted withdrawal, payout included (app {1000 * c['app'] / adm['ok']:.2f} + "
               f"PostgreSQL {1000 * c['postgres'] / adm['ok']:.2f} + Redis {1000 * c['redis'] / adm['ok']:.2f} ms) | "
               f"| | | | | | ≤ {WITHDRAWAL_CPU_MAX_MS} ms | {per:.2f} ms: {verdict} |")
res = rows.get("reservation")
if res:
    speedup = res["redisOps"] / res["pgTps"] if res["pgTps"] else float("inf")
    out.append(f"| 4c. Budget reservation alone: Redis 8-shard Lua counter ÷ PostgreSQL hot row (store level) | "
               f"{fmt(res['redisOps'])} | {fmt(res['pgTps'])} (pgbench tps) | {speedup:.1f}× | | | | ≥ 10× | "
               f"{short(speedup, 10)} |")
for label in ("admission-payout", "hot-budget-redis-payout", "hot-budget-postgres-payout"):
    p = rows.get(label)
    if p:
        verdict = "met" if 0 <= p["p50Ms"] < 1000 else (
            "no payout completed" if p["p50Ms"] < 0 else f"missed by {p['p50Ms'] - 1000:.0f} ms")
        out.append(f"| Payout accepted → paid ({label.removesuffix('-payout')}) | {p['paid']} PAID, {p['failed']} FAILED, "
                   f"{p['open']} open | | | {p['p50Ms']:.0f} | {p['p99Ms']:.0f} | | median < 1 s (bank at 100 ms) | "
                   f"{verdict} |")
out.append("")
out.append("Ratios divide the scenario's successful (2xx) requests per second by the no-op's, measured just before "
           "it in the same run (for the refusal flood, its 503 DAILY_BUDGET_EXHAUSTED answers, the answer it measures). Where a scenario ran several no-op/scenario pairs in a row, the row shows the pair "
           "with the median ratio (its throughput and latencies) and lists every pair's ratio. A scenario whose route "
           "is not on the build is listed as not run and makes bin/bench exit non-zero.")
cpu_rows = [(label, r) for label, r in rows.items() if isinstance(r, dict) and r.get("cpuSeconds")
            and r.get("ok") and (label == "account-noop" or not label.endswith("-noop"))]
if cpu_rows:
    out.append("")
    out.append("Where the two cores went during each scenario (CPU seconds from /proc over the wrk run, as % of one "
               "core; wrk itself not counted). \"Stolen\" is the time the hypervisor gave to other guests instead "
               "(steal in /proc/stat, both cores): the more of it, the less a pair's numbers mean. Per request is per "
               "successful request:")
    out.append("")
    out.append("| scenario | app % | PostgreSQL % | Redis % | stolen % | app ms/request | PostgreSQL ms/request | "
               "Redis ms/request |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, r in cpu_rows:
        c, secs, ok = r["cpuSeconds"], r["seconds"], r["ok"]
        name = "no-op (the run before account)" if label == "account-noop" else label
        stolen = f"{100 * c['steal'] / secs:.0f}" if "steal" in c else "—"
        out.append(f"| {name} | {100 * c['app'] / secs:.0f} | {100 * c['postgres'] / secs:.0f} | "
                   f"{100 * c['redis'] / secs:.0f} | {stolen} | {1000 * c['app'] / ok:.3f} | {1000 * c['postgres'] / ok:.3f} | "
                   f"{1000 * c['redis'] / ok:.3f} |")
import glob
for path in sorted(glob.glob(out_dir.rstrip("/") + "/*-hot-methods.txt")):
    text = open(path).read().strip()
    if text:
        name = path.rsplit("/", 1)[-1].removesuffix("-hot-methods.txt").removeprefix("scenario-")
        out.append("")
        out.append(f"<details><summary>JFR hot methods during {name} (`{out_dir}/scenario-{name}.jfr`)</summary>\n\n```\n{text}\n```\n</details>")
print("\n".join(out))
