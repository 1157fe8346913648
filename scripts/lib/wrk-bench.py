#!/usr/bin/env python3
"""The REST API's submit throughput under Debian's wrk (C, event-driven), for scripts/http-bench.sh --client wrk.

A JVM load generator on the same two cores takes about as much CPU as the node it drives; wrk takes a
fraction, so the node's own capacity shows. Scenarios as HttpBench's: single submits with N connections,
batch submits of B jobs with N/8 connections, each for S seconds, R runs after a warm-up (rounds of both until
the node's JIT compilers used less than a tenth of a core during the last round, at most --warmup seconds);
jobs of a worker type no agent runs. Prints one JSON line, then a table.
"""
import argparse
import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

BODY_ONE = '{"payload": {}, "worker_types": ["bench"]}'
WARMUP_ROUND_S = 10
# A tenth of a core for the compiler threads counts as warm (dev.blixard.testing.JitActivity.QUIET_SHARE).
QUIET_SHARE = 0.10
# /proc reports CPU times in USER_HZ ticks.
TICKS_PER_S = os.sysconf("SC_CLK_TCK")


def compiler_seconds(pid):
    """CPU seconds the JVM's C1/C2 compiler threads have used so far (dev.blixard.testing.JitActivity's reading)."""
    ticks = 0
    task_dir = f"/proc/{pid}/task"
    for tid in os.listdir(task_dir):
        try:
            stat = open(f"{task_dir}/{tid}/stat").read()
        except OSError:
            continue  # the thread ended meanwhile
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        if name.startswith(("C1 Compiler", "C2 Compiler")):
            fields = stat[stat.rindex(")") + 2:].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks / TICKS_PER_S


def await_ready(url, token):
    """Waits until GET /api/health answers 200: the node answers HTTP before its services are all up."""
    deadline = time.monotonic() + 60
    while True:
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                if response.status == 200:
                    return
        except (urllib.error.HTTPError, urllib.error.URLError):
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"http-bench: the node at {url} was not ready within a minute")
        time.sleep(0.2)


def lua(body, token, pause_ms=None):
    # wrk sends the same request on every connection; 201 is counted, anything else shows as non-2xx. With a
    # pause, each connection waits a random 0.5 to 1.5 times it before its next request (wrk's delay()), so
    # connections that all start together drift apart instead of arriving in bursts.
    script = ('wrk.method = "POST"\n'
              f"wrk.body = {json.dumps(body)}\n"
              'wrk.headers["Content-Type"] = "application/json"\n'
              f'wrk.headers["Authorization"] = "Bearer {token}"\n')
    if pause_ms:
        script += (f"function delay() return math.random({pause_ms // 2}, {pause_ms * 3 // 2}) end\n")
    return script


def run_wrk(url, script, connections, seconds):
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "--latency",
                          "-s", script, url], check=True, capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: .*", out)
    if bad or errors:
        raise SystemExit(f"http-bench: wrk saw failed requests against {url}:\n{out}")
    return rate, percentile_ms(out, 99)


def run_wrk_paced(url, script, connections, seconds):
    """@return requests/s, p50 and p99 in ms of a paced run"""
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "--latency",
                          "-s", script, url], check=True, capture_output=True, text=True).stdout
    if re.search(r"Non-2xx or 3xx responses: (\d+)", out) or re.search(r"Socket errors: .*", out):
        raise SystemExit(f"http-bench: wrk saw failed requests against {url}:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), percentile_ms(out, 50), percentile_ms(out, 99)


def percentile_ms(wrk_output, percent):
    found = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)", wrk_output, re.M)
    return None if found is None else float(found.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[found.group(2)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token-file", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--node-pid", type=int, required=True)
    parser.add_argument("--inflight", type=int, default=64)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--rate", type=int, default=2000)
    options = parser.parse_args()
    token = open(options.token_file).read().strip()
    await_ready(options.url + "/api/health", token)
    batch_body = json.dumps({"jobs": [json.loads(BODY_ONE)] * options.batch})
    with tempfile.TemporaryDirectory() as scratch:
        single = os.path.join(scratch, "single.lua")
        batch = os.path.join(scratch, "batch.lua")
        paced = os.path.join(scratch, "paced.lua")
        open(single, "w").write(lua(BODY_ONE, token))
        open(batch, "w").write(lua(batch_body, token))
        # About --rate submits/s: each of rate/10 connections pauses 100 ms (on average) after each answer.
        paced_connections = max(1, options.rate // 10)
        open(paced, "w").write(lua(BODY_ONE, token, pause_ms=paced_connections * 1000 // options.rate))
        singles_url = options.url + "/api/queue/publish"
        batch_url = options.url + "/api/queue/publish/batch"
        batch_connections = max(1, options.inflight // 8)
        print(f"http-bench: warming up for at most {options.warmup} s, until the node's JIT compilers are quiet",
              file=sys.stderr)
        warm_start = time.monotonic()
        while time.monotonic() - warm_start < options.warmup:
            before, round_start = compiler_seconds(options.node_pid), time.monotonic()
            run_wrk(singles_url, single, options.inflight, WARMUP_ROUND_S)
            run_wrk(batch_url, batch, batch_connections, WARMUP_ROUND_S)
            share = (compiler_seconds(options.node_pid) - before) / (time.monotonic() - round_start)
            print(f"http-bench: warm-up: the node's compilers at {share:.0%} of a core", file=sys.stderr)
            if share < QUIET_SHARE:
                break
        singles, singles_p99, jobs, paced_rates, paced_p50, paced_p99 = [], [], [], [], [], []
        for r in range(1, options.runs + 1):
            rate, p99 = run_wrk(singles_url, single, options.inflight, options.seconds)
            batches, _ = run_wrk(batch_url, batch, batch_connections, options.seconds)
            at_rate, p50_at_rate, p99_at_rate = run_wrk_paced(singles_url, paced, paced_connections, options.seconds)
            singles.append(rate)
            singles_p99.append(p99)
            jobs.append(batches * options.batch)
            paced_rates.append(at_rate)
            paced_p50.append(p50_at_rate)
            paced_p99.append(p99_at_rate)
            print(f"http-bench: run {r}: singles {rate:,.0f}/s (p99 {p99:.1f} ms), batches {jobs[-1]:,.0f} jobs/s, "
                  f"paced {at_rate:,.0f}/s p50 {p50_at_rate:.2f} ms p99 {p99_at_rate:.2f} ms", file=sys.stderr)
    single_median, jobs_median = statistics.median(singles), statistics.median(jobs)
    paced_p99_median = statistics.median(paced_p99)
    print(json.dumps({"bench": "http", "client": "wrk", "date": datetime.date.today().isoformat(),
                      "runs": options.runs, "seconds_per_scenario": options.seconds, "in_flight": options.inflight,
                      "batch": options.batch,
                      "singles_per_s": {"median": round(single_median, 1), "runs": [round(x, 1) for x in singles]},
                      "singles_p99_ms": {"median": round(statistics.median(singles_p99), 2),
                                         "runs": [round(x, 2) for x in singles_p99]},
                      "batch_jobs_per_s": {"median": round(jobs_median, 1), "runs": [round(x, 1) for x in jobs]},
                      "paced": {"target_rate": options.rate, "connections": paced_connections,
                                "rate_per_s": {"median": round(statistics.median(paced_rates), 1),
                                               "runs": [round(x, 1) for x in paced_rates]},
                                "p50_ms": {"median": round(statistics.median(paced_p50), 2),
                                           "runs": [round(x, 2) for x in paced_p50]},
                                "p99_ms": {"median": round(paced_p99_median, 2),
                                           "runs": [round(x, 2) for x in paced_p99]}},
                      "targets_met": {"singles": single_median >= 10_000, "batch": jobs_median >= 50_000,
                                      "p99": paced_p99_median <= 10}},
                     separators=(",", ":")))
    print()
    print(f"{'figure (median of ' + str(options.runs) + ' runs, wrk)':<44} {'value':>10}  target")
    print(f"{'single submits/s (' + str(options.inflight) + ' connections)':<44} {single_median:>10,.0f}  >= 10,000/s: "
          + ("met" if single_median >= 10_000 else "NOT met"))
    print(f"{'single submit p99 ms at that load':<44} {statistics.median(singles_p99):>10.1f}")
    print(f"{'jobs/s by batches of ' + str(options.batch):<44} {jobs_median:>10,.0f}  >= 50,000/s: "
          + ("met" if jobs_median >= 50_000 else "NOT met"))
    print(f"{'paced single submits/s (aim ' + str(options.rate) + ')':<44} {statistics.median(paced_rates):>10,.0f}")
    print(f"{'  p50 ms at that rate':<44} {statistics.median(paced_p50):>10.2f}")
    print(f"{'  p99 ms at that rate':<44} {paced_p99_median:>10.2f}  <= 10 ms: "
          + ("met" if paced_p99_median <= 10 else "NOT met"))


if __name__ == "__main__":
    main()
