"""Features of one app's state folder as a device examiner sees it in a snapshot: relative names, sizes,
modification times relative to the app's lifecycle events (as the OS logs them), and, between two snapshots,
which files' bytes changed. Secret-bearing files are tested for uniform bytes."""

import json

import numpy as np
from scipy.stats import chi2, kstest

EVENTS = ("firstStart", "lastForeground", "lastBackground", "lastBackgroundRun")
# Secret-bearing files and their documented constant header (the plain queue's capacity 8 and item size 773, u32
# each); a header is left out of the test only when the file really starts with it (an outer encryption layer
# hides it).
SECRET_FILES = {"vault": b"", "queue": bytes([0, 0, 0, 8, 0, 0, 3, 5])}


def load(path):
    with open(path) as handle:
        return {record["app"]: record for record in map(json.loads, handle)}


def file_names(records):
    return sorted({file["name"] for record in records for file in record["files"]})


def relative_times(record, file, timeline):
    """The file's modification time against each lifecycle event and the snapshot: the number of simulation steps
    between them (virtual time, from the recorded step starts) and, within one step, the real seconds between them.

    Real time across steps is not used: a step lasts as long as the busiest app in it takes on this machine, so a
    source's own extra work would stretch the real time between its events, which a phone's clock would not show."""
    values = []
    written = timeline.step(file["modified"])
    for moment in [record["lifecycle"].get(event) for event in EVENTS] + [record["takenAt"]]:
        if moment is None:
            values += [-1e6, 0]
            continue
        steps = written - timeline.step(moment)
        values += [steps, file["modified"] - moment if steps == 0 else 0]
    return values


def one_snapshot_features(records, timelines, names):
    rows = []
    for record, timeline in zip(records, timelines):
        files = {file["name"]: file for file in record["files"]}
        order = sorted(files, key=lambda name: files[name]["modified"])
        row = [len(files)]
        for name in names:
            file = files.get(name)
            if file is None:
                row += [0, -1, -1] + [-1e6, 0] * (len(EVENTS) + 1)
                continue
            row += [1, file["size"], order.index(name)] + relative_times(record, file, timeline)
        rows.append(row)
    return np.asarray(rows, dtype=float)


def discrete_patterns(record, step_seconds):
    """Exact, discrete facts about one snapshot: the file set, each size, the order of modification, and which
    lifecycle event each file was written at (to the second)."""
    files = {file["name"]: file for file in record["files"]}
    patterns = {("files", tuple(sorted(files)))}
    patterns.add(("order", tuple(sorted(files, key=lambda name: files[name]["modified"]))))
    for name, file in files.items():
        patterns.add(("size", name, file["size"]))
        for event in EVENTS:
            moment = record["lifecycle"].get(event)
            if moment is not None and abs(file["modified"] - moment) < min(1.0, step_seconds / 4):
                patterns.add(("written at", name, event))
    return patterns


def exact_tells(sources, readers, step_seconds):
    """Patterns that at least 1% of sources (and at least ten: by chance alone, ten apps that share a pattern are all
    sources with probability 2^-10) have and no reader has."""
    reader_patterns = set().union(*(discrete_patterns(record, step_seconds) for record in readers))
    counts = {}
    for record in sources:
        for pattern in discrete_patterns(record, step_seconds) - reader_patterns:
            counts[pattern] = counts.get(pattern, 0) + 1
    floor = max(10, 0.01 * len(sources))
    return {pattern: count for pattern, count in counts.items() if count >= floor}


def two_snapshot_features(first, second, names):
    rows = []
    for before, after in zip(first, second):
        old = {file["name"]: file for file in before["files"]}
        new = {file["name"]: file for file in after["files"]}
        row = []
        for name in names:
            a, b = old.get(name), new.get(name)
            if a is None or b is None:
                row += [int(a is None), int(b is None), 0, 0, 0]
                continue
            row += [0, 0, int(a["sha256"] != b["sha256"]), int(a["inode"] != b["inode"]),
                    int(a["modified"] != b["modified"])]
        rows.append(row)
    return np.asarray(rows, dtype=float)


def changed_bytes(first, second, name):
    old = {file["name"]: file["sha256"] for file in first["files"]}
    new = {file["name"]: file["sha256"] for file in second["files"]}
    return name in old and name in new and old[name] != new[name]


def uniformity(records):
    """Per secret-bearing file kind: the KS p-value of the per-file chi-square p-values against uniform, the smallest
    per-file p-value, the pooled chi-square p-value over all files, and the number of files. Byte counts include the
    documented constant header, whose bytes are removed from the counts when the file starts with it."""
    results = {}
    for name, header in SECRET_FILES.items():
        p_values, pooled = [], np.zeros(256)
        for record in records:
            for file in record["files"]:
                if file["name"] != name:
                    continue
                counts = np.asarray(file["byteCounts"], dtype=float)
                if header and file["head"].startswith(header.hex()):
                    for byte in header:
                        counts[byte] -= 1
                pooled += counts
                expected = counts.sum() / 256
                p_values.append(chi2.sf(((counts - expected) ** 2 / expected).sum(), 255))
        if not p_values:
            continue
        expected = pooled.sum() / 256
        results[name] = {
            "files": len(p_values),
            "ks_p": kstest(p_values, "uniform").pvalue,
            "min_p": min(p_values),
            "pooled_p": chi2.sf(((pooled - expected) ** 2 / expected).sum(), 255),
        }
    return results
