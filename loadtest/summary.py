"""bin/loadtest's summary: Gatling's stats.json (per-request throughput and percentiles), the simulation's
counters (422s and 429/503s apart from errors), the withdrawals' final states, reconciliation, heap and RSS."""
import argparse
import datetime
import json
import os
import re

p = argparse.ArgumentParser()
for name in ("stats", "counters", "withdrawals", "reconciliation", "memory", "peak-rss", "heap-max", "machine",
             "report", "settings", "open", "gatling-rc"):
    p.add_argument("--" + name, default="")
a = p.parse_args()


def load_json(path, default):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return default


def load_stats(path):
    """Gatling 3.13 writes its statistics only as js/stats.js (a JavaScript object literal with some keys
    unquoted), no longer as stats.json: quote the keys and read it as JSON."""
    try:
        text = open(path).read()
    except OSError:
        return {}
    if path.endswith(".json"):
        return json.loads(text)
    body = text[text.index("var stats =") + len("var stats ="):text.index("\nfunction fillStats")]
    body = re.sub(r"(?m)^(\s*)([A-Za-z_]\w*)\s*:", r'\1"\2":', body.strip().rstrip(";"))
    return json.loads(body)


def num(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def requests(node):
    """Gatling's stats.json tree: groups hold 'contents'; leaves are requests."""
    for child in (node.get("contents") or {}).values():
        if child.get("type") == "REQUEST":
            yield child["name"], child["stats"]
        else:
            yield from requests(child)


def row(name, s):
    n = {k: int(num(v)) for k, v in s["numberOfRequests"].items()}
    return (f"| {name} | {n['total']:,} | {n['ko']:,} | {num(s['meanNumberOfRequestsPerSecond']['total']):,.1f} | "
            f"{s['percentiles1']['total']} | {s['percentiles2']['total']} | {s['percentiles3']['total']} | "
            f"{s['maxResponseTime']['total']} |")


stats = load_stats(a.stats)
out = [f"### bin/loadtest — {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC", ""]
out.append(f"Machine: {a.machine}. Gatling on the same box. Settings: {a.settings}.")
out.append(f"Gatling HTML report: `{a.report}/index.html` (kept under target/gatling/).")
out.append("")
if stats:
    out.append("| request | count | errors (KO) | req/s | p50 ms | p95 ms | p99 ms | max ms |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    out.append(row("**all requests**", stats["stats"]))
    for name, s in sorted(requests(stats)):
        out.append(row(name, s))
else:
    out.append(f"No Gatling statistics found ({a.stats}).")
out.append("")

counters = load_json(a.counters, {})
apart = {k: v for k, v in counters.items() if not k.endswith((" 200", " 201"))}
business = sum(v for k, v in apart.items() if " 422" in k)
shed = sum(v for k, v in apart.items() if " 429" in k or " 503" in k)
out.append(f"- Errors (Gatling KO): **{int(num(stats['stats']['numberOfRequests']['ko'])) if stats else '?'}** "
           f"(Gatling exit status {a.gatling_rc}).")
out.append(f"- Business rejections (422, not errors): **{business}**; deliberate 429/503 with Retry-After: **{shed}**"
           + (": " + ", ".join(f"{k}: {v}" for k, v in sorted(apart.items())) if apart else "") + ".")

lines = [l.split() for l in open(a.withdrawals).read().splitlines()] if os.path.exists(a.withdrawals) else []
by_status = {l[0]: l for l in lines if len(l) >= 4}
if by_status:
    paid = by_status.get("PAID")
    out.append("- Withdrawals of the run by final state: " + ", ".join(f"{k} {v[1]}" for k, v in by_status.items())
               + f"; still open after settling: {a.open}.")
    if paid:
        out.append(f"- Payouts completed: **{paid[1]}**; accepted → paid median {paid[2]} ms, p99 {paid[3]} ms.")
else:
    out.append("- Withdrawals: none in this run.")

recon = load_json(a.reconciliation, {})
if "skipped" in recon:
    out.append(f"- Reconciliation: skipped ({recon['skipped']}).")
else:
    out.append(f"- Reconciliation (`GET /v1/ops/reconciliation`): clean = **{recon.get('clean')}**"
               + ("" if recon.get("clean") else f" — {json.dumps(recon)[:400]}") + ".")

heap_peak = 0
rss_peak = 0
if os.path.exists(a.memory):
    for l in open(a.memory):
        parts = l.split()
        if len(parts) == 3:
            heap_peak = max(heap_peak, int(parts[1]))
            rss_peak = max(rss_peak, int(parts[2]))
out.append(f"- App memory: heap max {a.heap_max} MiB (-Xmx512m), heap in use peaked at {heap_peak} MiB (2 s samples); "
           f"RSS peaked at {a.peak_rss} MiB (VmHWM; {rss_peak} MiB in the 2 s samples).")
print("\n".join(out))
