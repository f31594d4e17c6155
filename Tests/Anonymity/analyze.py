"""Scores one harness run: can a network observer (the loopback capture) or a device examiner (state-folder
snapshots) tell sources from readers? Prints the figures and applies the gates; exits 1 when a gate fails.

Usage: analyze.py RUN_DIR --edge-port N --bound B [--leak-floor 0.9]
RUN_DIR holds capture.pcap and one folder per `tipline readers` process (main-1…main-K, the shards of the main
population, and leak-*), each with manifest.json and its apps' state folders (snapshots/ inside)."""

import argparse
import json
import os
import sys
import time

import numpy as np

import capture
import distinguish
import phone
import wire

COVERDROP_REPLY_DEAD_DROPS = "113–281 KiB/day"


def load_groups(run_dir):
    groups = {}
    for name in sorted(os.listdir(run_dir)):
        path = os.path.join(run_dir, name, "manifest.json")
        if os.path.exists(path):
            with open(path) as handle:
                groups[name] = json.load(handle)
    return groups


def wire_scores(traffic, manifests, seed):
    """The distinguishers' scores over the apps of `manifests` (shards of one population, each on its own timeline)."""
    empty = {"connections": set(), "exchanges": [], "packets_up": 0, "packets_down": 0}
    apps, labels, aggregate, timelines = [], [], [], []
    for manifest in manifests:
        timeline = wire.Timeline(manifest["stepStarts"])
        for app in manifest["apps"]:
            apps.append(traffic.get(app["address"], empty))
            timelines.append(timeline)
            labels.append(int(app["isSource"]))
            aggregate.append(wire.aggregates(apps[-1], timeline))
    sequences = wire.sequence_matrix(apps, timelines)
    labels = np.asarray(labels)
    return {"per-app aggregates": distinguish.evaluate(np.asarray(aggregate), labels, seed),
            "per-request sequences": distinguish.evaluate(sequences, labels, seed)}, apps


def no_flake_bound(positives, negatives):
    """0.5 plus six standard errors of the AUC of a classifier that sees nothing (Mann-Whitney null variance): its
    95% interval reaches about 0.5 + 2 SE, so a perfect system exceeds this bound only when its AUC lands four
    standard errors high (p ≈ 3e-5 per classifier)."""
    return round(0.5 + 6 * ((positives + negatives + 1) / (12 * positives * negatives)) ** 0.5, 2)


def line(name, result, bound=None):
    auc, low, high = result
    verdict = ""
    if bound is not None:
        verdict = f"  gate: upper ≤ {bound:.2f} {'ok' if high <= bound else 'FAILED'}"
        if bound > 0.55:
            verdict += f"; ≤ 0.55: {'yes' if high <= 0.55 else 'no'}"
    return f"    {name:<20} AUC {auc:.3f}  95% CI [{low:.3f}, {high:.3f}]{verdict}"


class Report:
    def __init__(self):
        self.failures = []

    def gate(self, ok, what):
        if not ok:
            self.failures.append(what)
        return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("run_dir")
    parser.add_argument("--edge-port", type=int, required=True)
    parser.add_argument("--bound", type=float, default=None,
                        help="upper CI bound every honest AUC must stay under (default: no-flake bound for the size)")
    parser.add_argument("--leak-floor", type=float, default=0.9, help="AUC the best distinguisher must reach on a leak")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--gate-two-snapshots", action="store_true",
                        help="also gate the two-snapshot classifiers (once the storage ratchet makes every vault change)")
    parser.add_argument("--started", type=float, default=None, help="harness start (seconds since 1970)")
    arguments = parser.parse_args()
    report = Report()
    groups = load_groups(arguments.run_dir)
    shards = [groups.pop(name) for name in sorted(groups) if name.startswith("main")]
    traffic = capture.exchanges(os.path.join(arguments.run_dir, "capture.pcap"), arguments.edge_port)

    apps = [app for shard in shards for app in shard["apps"]]
    sources = sum(app["isSource"] for app in apps)
    if arguments.bound is None:
        arguments.bound = no_flake_bound(sources, len(apps) - sources)
    overfull = sum(app["isOverfull"] for app in apps)
    first = shards[0]
    steps = len(first["stepStarts"])
    days = steps * first["tickSeconds"] / 86_400
    step = first["realSecondsPerTick"]
    print("== Population")
    print(f"    gate for honest apps: every classifier's 95% upper bound ≤ {arguments.bound:.2f}")
    print(f"    {sources} sources ({overfull} over-full) + {len(apps) - sources} readers in {len(shards)} processes, "
          f"{days:.2f} virtual days; a step of {first['tickSeconds'] / 60:.0f} virtual min every {step} s real "
          f"({first['tickSeconds'] / step:.0f}× real time)")
    for shard in shards:
        print(f"    pace: {shard['lateSteps']} of {len(shard['stepStarts'])} steps started more than half a step late, "
              f"at most {shard['maxLatenessSeconds']:.1f} s")
    print("    (capture times are mapped to steps by the recorded step starts, so timing features stay exact)")
    for name, manifest in groups.items():
        group_sources = sum(app["isSource"] for app in manifest["apps"])
        print(f"    {name}: {group_sources} leaking sources + {len(manifest['apps']) - group_sources} readers, "
              f"{manifest['lateSteps']} of {len(manifest['stepStarts'])} steps late")

    print(f"\n== Wire (loopback capture: {sum(len(a['exchanges']) for a in traffic.values())} requests "
          f"from {len(traffic)} addresses)")
    scores, main_apps = wire_scores(traffic, shards, arguments.seed)
    for features, results in scores.items():
        print(f"  {features}")
        for name, result in results.items():
            print(line(name, result, arguments.bound))
            report.gate(result[2] <= arguments.bound, f"wire {features} {name}")
    up = sum(sum(e[1] for e in app["exchanges"]) for app in main_apps) / len(apps) / days / 1024
    down = sum(sum(e[2] for e in app["exchanges"]) for app in main_apps) / len(apps) / days / 1024
    print(f"  bytes per app per virtual day (TCP payload: HTTP, no TLS): {up:.1f} KiB up, {down:.1f} KiB down "
          f"(CoverDrop's reply dead drops alone: {COVERDROP_REPLY_DEAD_DROPS})")

    print("\n== Leaky variants (TEST ONLY; sources vs readers of the same population)")
    for name, manifest in groups.items():
        leak_scores, _ = wire_scores(traffic, [manifest], arguments.seed)
        best = max(result[0] for results in leak_scores.values() for result in results.values())
        ok = report.gate(best >= arguments.leak_floor, f"leak {name} not detected")
        print(f"  {name}: best AUC {best:.3f} (must be ≥ {arguments.leak_floor}: {'ok' if ok else 'FAILED'})")
        for features, results in leak_scores.items():
            print("    " + features + ": " + ", ".join(f"{n} {r[0]:.3f}" for n, r in results.items()))

    phone_report(arguments, shards, report)
    if arguments.started:
        print(f"\n== Time: {time.time() - arguments.started:.0f} s for the whole run")
    if report.failures:
        print("\nGATES FAILED: " + "; ".join(report.failures))
        return 1
    print("\nAll gates passed.")
    return 0


def phone_report(arguments, shards, report):
    """One and two snapshots of the main population's state folders (apps keyed by shard and number)."""
    snapshots = []
    timelines = {number: wire.Timeline(shard["stepStarts"]) for number, shard in enumerate(shards)}
    for moment, entry in enumerate(shards[0]["snapshots"]):
        records = {}
        for number, shard in enumerate(shards):
            path = os.path.join(arguments.run_dir, f"main-{number + 1}", "apps", shard["snapshots"][moment]["file"])
            records.update({(number, app): record for app, record in phone.load(path).items()})
        snapshots.append((entry["virtualOffset"] / 86_400, records))
    labels_by_app = {(number, app["index"]): int(app["isSource"])
                     for number, shard in enumerate(shards) for app in shard["apps"]}
    overfull = [app for shard in shards for app in shard["apps"] if app["isOverfull"]]
    step = shards[0]["realSecondsPerTick"]
    for day, records in snapshots:
        order = sorted(records)
        rows = [records[index] for index in order]
        labels = np.asarray([labels_by_app[index] for index in order])
        names = phone.file_names(rows)
        print(f"\n== Phone: one snapshot at virtual day {day:.2f} ({len(rows)} state folders, files: "
              f"{', '.join(names)})")
        tells = phone.exact_tells([r for r, l in zip(rows, labels) if l], [r for r, l in zip(rows, labels) if not l],
                                  step)
        report.gate(not tells, f"exact tell in the snapshot of day {day:.2f}")
        print(f"    exact tells (a pattern ≥1% and ≥10 sources have and no reader has): "
              f"{'none' if not tells else tells}")
        features = phone.one_snapshot_features(rows, [timelines[index[0]] for index in order], names)
        for name, result in distinguish.evaluate(features, labels, arguments.seed).items():
            print(line(name, result, arguments.bound))
            report.gate(result[2] <= arguments.bound, f"phone day {day:.2f} {name}")
        for kind, result in phone.uniformity(rows).items():
            ok = result["ks_p"] > 0.001 and result["pooled_p"] > 0.001 and result["min_p"] > 1e-6 / result["files"]
            report.gate(ok, f"{kind} bytes not uniform on day {day:.2f}")
            print(f"    {kind} bytes uniform ({result['files']} files): per-file χ² p-values KS p = "
                  f"{result['ks_p']:.3f}, smallest p = {result['min_p']:.2g}, pooled χ² p = {result['pooled_p']:.3f}"
                  f" ({'ok' if ok else 'FAILED'})")
        if overfull:
            sizes = {name: {f["size"] for r in rows for f in r["files"] if f["name"] == name}
                     for name in phone.SECRET_FILES}
            same = all(len(values) == 1 for values in sizes.values())
            report.gate(same, "over-full sizes differ")
            print(f"    over-full sources ({len(overfull)}): secret-bearing file sizes across all apps "
                  f"{ {k: sorted(v) for k, v in sizes.items()} } ({'identical' if same else 'DIFFERENT'})")
    if len(snapshots) >= 2:
        (day1, first), (day2, second) = snapshots[0], snapshots[-1]
        order = sorted(set(first) & set(second))
        a, b = [first[i] for i in order], [second[i] for i in order]
        labels = np.asarray([labels_by_app[index] for index in order])
        names = phone.file_names(a + b)
        gated = arguments.gate_two_snapshots
        print(f"\n== Phone: two snapshots, days {day1:.2f} and {day2:.2f} ({'gated' if gated else 'baseline, not gated'})")
        for name in names:
            changed = np.asarray([phone.changed_bytes(x, y, name) for x, y in zip(a, b)])
            print(f"    {name:<18} bytes changed: sources {changed[labels == 1].mean():.0%}, "
                  f"readers {changed[labels == 0].mean():.0%}")
        for name, result in distinguish.evaluate(phone.two_snapshot_features(a, b, names), labels,
                                                 arguments.seed).items():
            print(line(name, result, arguments.bound if gated else None))
            if gated:
                report.gate(result[2] <= arguments.bound, f"phone two snapshots {name}")


if __name__ == "__main__":
    sys.exit(main())
