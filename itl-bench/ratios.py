#!/usr/bin/env python3
"""Prints Markdown ratio tables from JMH JSON result files (java -jar benchmarks.jar ... -rf json -rff FILE).

Within each benchmark class, methods whose name starts with "baseline" are the baselines; every other method is
shown as score / baseline score for the same @Param values, in the same run. Throughput scores (higher is better),
so a ratio of 0.9 means "90% of the raw JDK primitive's speed". Then the issue's targets are checked.

With several files (repeated runs), each ratio is computed within each run and the median is shown, with the
range over the runs; scores and allocations are medians too.

Usage: python3 itl-bench/ratios.py result.json [more-runs.json ...]
"""
import json
import statistics
import sys
from collections import OrderedDict

# (class, method, baseline, minimum ratio, label); checked for every @Param combination
TARGETS = [
    ("SignBenchmark", "buildAndSign", "baselineRawSign", 0.95, "sign >= 0.95 x raw sign"),
    ("SignBenchmark", "signOnly", "baselineRawSign", 0.95, "sign (signer alone, built model) >= 0.95 x raw sign"),
    ("ResetBenchmark", "parseAndReset", "baselineRawSign", 0.90, "reset >= 0.9 x raw sign"),
    ("VerifyBenchmark", "anchored", "baselineRawVerify", 0.90, "anchored verify >= 0.9 x raw verify"),
    ("VerifyBenchmark", "anchoredNoRecordChecks", "baselineRawVerify", 0.90,
     "anchored verify (no record checks) >= 0.9 x raw verify"),
    ("VerifyBenchmark", "selfContained", "baselineRawVerify", 0.70, "self-contained verify >= 0.7 x raw verify"),
    ("VerifyBenchmark", "selfContainedNoRecordChecks", "baselineRawVerify", 0.70,
     "self-contained verify (no record checks) >= 0.7 x raw verify"),
    ("ChecksumBenchmark", "library", "baselineMessageDigest", 0.90, "checksum (MD5+SHA-1) >= 0.9 x raw MD5+SHA-1"),
    ("ChecksumBenchmark", "libraryFourDigests", "baselineFourDigests", 0.90, "checksum, all 4 digests >= 0.9 x raw (same 4 digests)"),
    ("ParallelSignBenchmark", "allCores", "baselineOneThread", 1.80, "parallel signing >= 1.8 x one thread"),
]


def key(params):
    return tuple(sorted((params or {}).items()))


def fmt(x):
    if x is None:
        return "-"
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 1:
        return f"{x:,.2f}"
    return f"{x:.3g}"


def load(path):
    with open(path) as f:
        runs = json.load(f)
    by_class = OrderedDict()
    for r in runs:
        cls, method = r["benchmark"].rsplit(".", 1)
        cls = cls.rsplit(".", 1)[-1]
        sec = r.get("secondaryMetrics", {})
        alloc = sec.get("gc.alloc.rate.norm", {}).get("score")
        by_class.setdefault(cls, OrderedDict()).setdefault(key(r.get("params")), OrderedDict())[method] = {
            "score": r["primaryMetric"]["score"],
            "error": r["primaryMetric"].get("scoreError"),
            "unit": r["primaryMetric"]["scoreUnit"],
            "alloc": alloc,
            "threads": r.get("threads", 1),
        }
    return by_class


def ratio(runs, cls, params, m, b):
    """Per-run ratios m/b (runs where both exist)."""
    out = []
    for run in runs:
        ms = run.get(cls, {}).get(params, {})
        if m in ms and b in ms and ms[b]["score"]:
            out.append(ms[m]["score"] / ms[b]["score"])
    return out


def show(rs):
    med = statistics.median(rs)
    if len(rs) == 1:
        return f"{med:.2f}"
    return f"{med:.2f} ({min(rs):.2f}-{max(rs):.2f})"


def main(paths):
    runs = [load(p) for p in paths]
    first = runs[0]
    n = len(runs)
    if n > 1:
        print(f"Medians over {n} runs; ratios computed within each run, range in parentheses.")
    for cls, groups in first.items():
        print(f"\n### {cls}\n")
        print("| params | method | threads | score | ± | B/op | ratios to baselines |")
        print("|---|---|---|---|---|---|---|")
        for params, methods in groups.items():
            p = ", ".join(f"{k}={v}" for k, v in params) or "-"
            bases = [m for m in methods if m.startswith("baseline")]
            for m, v in methods.items():
                scores = [r[cls][params][m]["score"] for r in runs if m in r.get(cls, {}).get(params, {})]
                allocs = [r[cls][params][m]["alloc"] for r in runs
                          if m in r.get(cls, {}).get(params, {}) and r[cls][params][m]["alloc"] is not None]
                ratios = ", ".join(f"{show(ratio(runs, cls, params, m, bm))} x {bm}" for bm in bases if bm != m)
                err = v["error"] if n == 1 else None
                err = "-" if not isinstance(err, (int, float)) or err != err else fmt(err)  # "NaN": 1 iteration
                alloc = statistics.median(allocs) if allocs else None
                print(f"| {p} | {m} | {v['threads']} | {fmt(statistics.median(scores))} {v['unit']} | {err} | "
                      f"{fmt(alloc)} | {ratios or '(baseline)'} |")

    print("\n### Targets\n")
    print("| target | params | measured | met |")
    print("|---|---|---|---|")
    for cls, m, b, minimum, label in TARGETS:
        for params in first.get(cls, {}):
            rs = ratio(runs, cls, params, m, b)
            if rs:
                p = ", ".join(f"{k}={v}" for k, v in params) or "-"
                print(f"| {label} | {p} | {show(rs)} | {'yes' if statistics.median(rs) >= minimum else '**no**'} |")
    for params, methods in first.get("ReadBenchmark", {}).items():
        if dict(params).get("file") == "TYPICAL6" and "parse" in methods:
            scores = [r["ReadBenchmark"][params]["parse"]["score"] for r in runs]
            allocs = [r["ReadBenchmark"][params]["parse"]["alloc"] for r in runs
                      if r["ReadBenchmark"][params]["parse"]["alloc"] is not None]
            sc = statistics.median(scores)
            print(f"| parse typical >= 300,000 ops/s per thread | file=TYPICAL6 | {fmt(sc)} ops/s | "
                  f"{'yes' if sc >= 300_000 else '**no**'} |")
            if allocs:
                al = statistics.median(allocs)
                print(f"| parse typical <= 4096 B/op | file=TYPICAL6 | {fmt(al)} B/op | "
                      f"{'yes' if al <= 4096 else '**no**'} |")
    if "RsaProviderBenchmark" in first:
        print("\n### RSA providers: BC / SunRsaSign (same run)\n")
        print("| operation | bits | BC / SunRsaSign |")
        print("|---|---|---|")
        rows = OrderedDict()
        for run in runs:
            index = {}
            for params, methods in run.get("RsaProviderBenchmark", {}).items():
                d = dict(params)
                for m, v in methods.items():
                    index[(m, d.get("bits"), d.get("provider"))] = v["score"]
            for (m, bits, prov), score in sorted(index.items()):
                if prov == "BC" and (m, bits, "SunRsaSign") in index:
                    rows.setdefault((m, bits), []).append(score / index[(m, bits, "SunRsaSign")])
        for (m, bits), rs in rows.items():
            print(f"| {m} | {bits} | {show(rs)} |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
