#!/usr/bin/env python3
"""bin/chaos's arithmetic: one fault's JSON line from its wrk output, phase times and money checks (`fault`), the
markdown of docs/reliability.md from all of them (`doc`), and the exit status (`verdict`)."""
import json
import os
import sys
from collections import defaultdict

PHASES = ("before", "during", "after")
MONEY_ZERO = ("unfinished", "paid_mismatch", "amount_mismatch", "bank_orphans", "ledger_mismatch")


def status_name(code):
    return {"0": "broken connection", "-1": "client timeout"}.get(code, code)


def fault(name, description, fdir):
    t = [int(x) for x in open(os.path.join(fdir, "times")).read().split()]
    bounds = {"before": (t[0], t[1]), "during": (t[1], t[2]), "after": (t[2], t[3])}
    counts = defaultdict(lambda: defaultdict(int))  # phase -> status -> n
    slowest = defaultdict(int)
    opened, wrk = [], None
    timeout_ms = int(os.environ.get("HPF_CHAOS_TIMEOUT_MS", "10000"))

    def phase_of(ms):
        for p in PHASES:
            lo, hi = bounds[p]
            if lo <= ms < hi:
                return p
        return "after" if ms >= t[3] else "before"

    for line in open(os.path.join(fdir, "wrk.txt"), errors="replace"):
        parts = line.split()
        if not parts or parts[0] != "CHAOS":
            continue
        if parts[1] == "count":
            counts[phase_of(int(parts[2]) * 1000 + 500)][parts[3]] += int(parts[4])
        elif parts[1] == "slowest":
            p = phase_of(int(parts[2]) * 1000 + 500)
            slowest[p] = max(slowest[p], int(float(parts[3])))
        elif parts[1] == "open":
            opened.append(int(float(parts[2])))
        elif parts[1] == "wrk":
            wrk = [int(x) for x in parts[2:]]
    checks = {}
    path = os.path.join(fdir, "checks")
    if os.path.exists(path):
        for line in open(path):
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                checks[k] = v
    note = open(os.path.join(fdir, "note")).read().strip() if os.path.exists(os.path.join(fdir, "note")) else ""
    # A request still unanswered when the load stopped is hung if it had waited longer than the client would.
    hung = [o for o in opened if t[3] - o > timeout_ms]
    rps = {p: round(sum(counts[p].values()) / max(0.001, (bounds[p][1] - bounds[p][0]) / 1000), 1) for p in PHASES}
    total = defaultdict(int)
    for p in PHASES:
        for s, n in counts[p].items():
            total[s] += n
    problems = []
    if total.get("-1"):
        problems.append(f"{total['-1']} client timeouts (> {timeout_ms} ms)")
    if hung:
        problems.append(f"{len(hung)} requests hung at the end of the run")
    if wrk is None:
        problems.append("no result from wrk")
    # A load that never got a withdrawal admitted (refused tokens, a broken fixture) proves nothing about the fault.
    if not counts["before"].get("201") or not counts["after"].get("201"):
        problems.append("no withdrawal admitted before or after the fault")
    errors_5xx = {s: n for s, n in total.items() if s in ("500", "501", "505")}
    if errors_5xx:
        problems.append(f"unclear answers {errors_5xx}")
    if total.get("0") and name != "replica-kill":
        problems.append(f"{total['0']} broken connections")
    for k in MONEY_ZERO:
        if checks.get(k) != "0":
            problems.append(f"{k}={checks.get(k)}")
    recon = checks.get("reconciliation", "unreachable")
    if '"clean":true' not in recon:
        problems.append(f"reconciliation {recon}")
    if name == "partner-notify-down" and not checks.get("partner_events", "").replace("DELIVERED", "").strip(" 0123456789,") == "":
        problems.append(f"partner events {checks.get('partner_events')}")
    if rps["before"] > 0 and rps["after"] < 0.5 * rps["before"]:
        problems.append("the load did not come back (after < half of before)")
    return {
        "fault": name, "description": description, "note": note,
        "seconds": {p: round((bounds[p][1] - bounds[p][0]) / 1000, 1) for p in PHASES},
        "rps": rps,
        "statuses": {p: dict(sorted(counts[p].items())) for p in PHASES},
        "longestMs": {p: slowest.get(p, 0) for p in PHASES},
        "hung": len(hung), "wrk": wrk, "money": checks, "problems": problems,
    }


def fmt_statuses(d):
    return ", ".join(f"{status_name(s)}: {n}" for s, n in sorted(d.items(), key=lambda kv: int(kv[0]))) or "–"


def doc(results, phase, replicas, threads, think, timeout_ms, compression, schedule, took, loadavg):
    rows = [json.loads(line) for line in open(results) if line.strip()]
    out = []
    w = out.append
    w("# Reliability: faults under load")
    w("")
    w("`bin/chaos` runs each fault below against the one-machine cluster (`bin/cluster`: "
      f"{replicas} replicas behind HAProxy, a six-node Redis Cluster, PostgreSQL) while a steady withdrawal load "
      "goes through the balancer, then checks the money. This page is written by it; the method is below the table.")
    w("")
    w("## Results")
    w("")
    w(f"Phases of {phase} s: before, during, after the fault. Requests/s are answers per second (any status). "
      "Statuses are those of the whole run (before + during + after); \"broken\" is a connection that broke before "
      "its answer, \"timeout\" an answer slower than the client's "
      f"{timeout_ms // 1000} s. Money: every withdrawal PAID or FAILED, PAID exactly where the sandbox bank paid and "
      "for the amount asked, balances equal to their ledgers with nothing held, reconciliation clean.")
    w("")
    w("| Fault | req/s before / during / after | Answers by status | Longest answer (ms) before / during / after | "
      "Hung | Money | Verdict |")
    w("|---|---|---|---|---|---|---|")
    for r in rows:
        if "skipped" in r:
            w(f"| {r['fault']} | – | – | – | – | – | not run: {r['skipped']} |")
            continue
        total = defaultdict(int)
        for p in PHASES:
            for s, n in r["statuses"][p].items():
                total[s] += n
        m = r["money"]
        money = "ok" if not any(m.get(k, "0") != "0" for k in MONEY_ZERO) and '"clean":true' in m.get(
            "reconciliation", "") else "**FAILED**"
        verdict = "passed" if not r["problems"] else "**" + "; ".join(r["problems"]) + "**"
        rps = " / ".join(str(r["rps"][p]) for p in PHASES)
        longest = " / ".join(str(r["longestMs"][p]) for p in PHASES)
        w(f"| **{r['fault']}**: {r['description']}{' (' + r['note'] + ')' if r['note'] else ''} | {rps} | "
          f"{fmt_statuses(total)} | {longest} | {r['hung']} | {money} | {verdict} |")
    w("")
    w("### Per fault: answers during the fault, and the money afterwards")
    w("")
    for r in rows:
        if "skipped" in r:
            w(f"- **{r['fault']}**: not run ({r['skipped']})")
            continue
        m = r["money"]
        extra = ""
        if "bank_script" in m:
            extra = f"; sandbox bank scripts: {m['bank_script']}"
        if "partner_events" in m:
            extra = (f"; partner events {m['partner_events']}, at most {m.get('partner_attempts_max')} delivery "
                     f"attempts for one event, pending afterwards {m.get('partner_pending_after')}")
        w(f"- **{r['fault']}**: during {fmt_statuses(r['statuses']['during'])}; after "
          f"{fmt_statuses(r['statuses']['after'])}. Withdrawals of the run: {m.get('statuses')}; all ended "
          f"{m.get('settle_seconds')} s after the load (unfinished {m.get('unfinished')}); bank paid ≠ PAID "
          f"{m.get('paid_mismatch')}, other amount {m.get('amount_mismatch')}, bank payments without a withdrawal "
          f"{m.get('bank_orphans')}, payouts the bank was asked for more than once (paid once) "
          f"{m.get('bank_repeats')}; balance ≠ ledger or held {m.get('ledger_mismatch')}; reconciliation "
          f"{m.get('reconciliation')}{extra}.")
    w("")
    w("## Method")
    w("")
    w(f"- **Load**: wrk with `bench/lua/chaos.lua` (admission.lua's request: `POST /v1/withdrawals`, RENT, 10 yuan, "
      f"each with its own member token, PASSED face verification and Idempotency-Key from bin/bench's fixture: "
      f"`bench/MintTokens.java`, `bench/face-fixture.sql`, fresh synthetic members for every fault). {threads} "
      f"connections, one per wrk thread, each pausing {think} ms after an answer, so that each answer's latency is "
      "known and a stalled answer holds its connection (a closed-loop load: it slows when the cluster does). "
      "Answers are counted by the second they arrive in; a request still open when the load stopped, older than "
      "the client timeout, is a hung request.")
    w("- **Faults**: injected when \"during\" starts, undone when \"after\" starts. The replicas reach PostgreSQL "
      "and every Redis node through `FaultProxy` (`src/test/java/cn/hpf/mobile/support/chaos/`), a TCP proxy of "
      "the project's own on Vert.x with an HTTP control port (pass, latency, stall, reset, refuse): this kernel has "
      "no netem. The Redis nodes announce the proxy's ports (`cluster-announce-port`), so that the cluster client "
      "follows them through the proxy (replication between Redis nodes does too).")
    w("- **PostgreSQL stopped** is the PostgreSQL proxy cut (new connections refused, open ones reset), not the "
      "server stopped: the PostgreSQL server on this machine is shared with other work.")
    w("- **Redis stopped**: all six nodes SIGKILLed (no persistence: Redis is never the truth), then started again; "
      "**a master killed**: the first master SIGKILLed, a replica takes over, the old master rejoins as a replica.")
    w("- **Sandbox bank**: its sandbox control, `sandbox_bank_script`, filled by a trigger in the cluster's database "
      "for 30 % of new withdrawals rejected and, drawn independently, 30 % with their pay call and first query "
      "answered with a timeout (the order was received all the same); the trigger is dropped when the fault ends.")
    w("- **Packet loss**: during that fault the PostgreSQL proxy sends its connections through a network namespace "
      "(a veth pair of its own, a second FaultProxy inside forwarding back out), where `iptables -m statistic "
      "--mode random --probability 0.05 -j DROP` drops 5 % of the packets each way.")
    w(f"- **Partner notify endpoint down**: the demo partner app's notify URL points at the proxy (then at the "
      f"balancer's sandbox receiver), which refuses connections during the fault. The retry schedule "
      f"(`hpf.partner.notify.retry-schedule`, by default 2 min, 10 min, 10 min, 1 h, 2 h, 6 h, 15 h) is compressed "
      f"{compression}×: `{schedule}`, so a {phase} s phase stands for {phase * compression // 3600} h "
      f"{phase * compression % 3600 // 60} min down. The wrk load speaks the member API, so its withdrawals are "
      "tagged with the demo app's id by a trigger during that fault (each status change is then a partner event).")
    w("- **Money, after each fault** (the database accumulates over the run, so each check covers every fault so "
      "far): the checks listed above the table, by SQL against the cluster's database and the operators' "
      "`GET /v1/ops/reconciliation` (which also compares Redis's account copies on every master).")
    w(f"- **Box**: 2 cores, shared: the numbers were taken on a loaded machine (other work running beside it; load "
      f"average at the end {loadavg.split()[0]}, {loadavg.split()[1]}, {loadavg.split()[2]}), so absolute rates are "
      f"low; what matters is the shape: the load holds, every request is answered, the books balance. The run took "
      f"{took} s. Run it again: `bin/chaos` (`--phase 60` for longer phases, `--only \"pg-stall bank-30\"` for some).")
    w("")
    # The findings are written by people, below the measured part: kept as they are when the run is redone.
    try:
        kept = open(os.path.join(os.path.dirname(__file__), "..", "docs", "reliability.md")).read()
        if "\n## Findings" in kept:
            w(kept[kept.index("\n## Findings") + 1:].rstrip("\n"))
            w("")
    except OSError:
        pass
    return "\n".join(out)


def verdict(results):
    rows = [json.loads(line) for line in open(results) if line.strip()]
    bad = [r for r in rows if r.get("problems")]
    for r in bad:
        print(f"bin/chaos: {r['fault']}: " + "; ".join(r["problems"]), file=sys.stderr)
    print(f"chaos: {len(rows) - len(bad)} passed, {len(bad)} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "fault":
        print(json.dumps(fault(sys.argv[2], sys.argv[3], sys.argv[4]), ensure_ascii=False))
    elif mode == "doc":
        a = sys.argv[2:]
        print(doc(a[0], int(a[1]), a[2], a[3], a[4], int(a[5]), int(a[6]), a[7], a[8], a[9]))
    elif mode == "verdict":
        sys.exit(verdict(sys.argv[2]))
