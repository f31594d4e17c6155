"""Features of one app's traffic, from the capture only: per-app aggregates and per-request sequences."""

import bisect
import math
from collections import Counter

import numpy as np

POST_THRESHOLD = 600  # upward bytes: a message POST (about 1.1 kB) against GETs (a few hundred bytes)


class Timeline:
    """Maps capture times to virtual time: the real time each simulation step started (from the manifest) gives the
    step a packet belongs to. Steps never overlap, so the mapping is exact even when a step started late."""

    def __init__(self, step_starts):
        self.starts = step_starts

    def step(self, time):
        return max(bisect.bisect_right(self.starts, time) - 1, 0)


def bursts(exchanges, timeline):
    """Groups an app's exchanges by simulation step: [(step, [exchanges])]."""
    groups = []
    for exchange in exchanges:
        step = timeline.step(exchange[0])
        if groups and groups[-1][0] == step:
            groups[-1][1].append(exchange)
        else:
            groups.append((step, [exchange]))
    return groups


def summary(values):
    if not values:
        return [0, 0, 0, 0, 0]
    array = np.asarray(values, dtype=float)
    return [array.mean(), array.std(), array.min(), array.max(), len(set(values))]


def aggregates(app, timeline):
    """Counts, sizes, connections and timing (in steps, and in real seconds within a step) of one app."""
    exchanges = app["exchanges"]
    ups = [exchange[1] for exchange in exchanges]
    downs = [exchange[2] for exchange in exchanges]
    posts = [exchange for exchange in exchanges if exchange[1] >= POST_THRESHOLD]
    groups = bursts(exchanges, timeline)
    per_burst = [len(group) for _, group in groups]
    posts_per_burst = [sum(1 for exchange in group if exchange[1] >= POST_THRESHOLD) for _, group in groups]
    within = [group[-1][0] - group[0][0] for _, group in groups]
    steps = [step for step, _ in groups]
    gaps = [b - a for a, b in zip(steps, steps[1:])]
    return ([len(app["connections"]), len(exchanges), sum(ups), sum(downs), app["packets_up"], app["packets_down"],
             len(posts), len(groups)]
            + summary(ups) + summary(downs) + summary([exchange[1] for exchange in posts])
            + summary(per_burst) + summary(posts_per_burst) + summary(gaps) + summary(within)
            + [sum(1 for count in posts_per_burst if count > 2), steps[0] if steps else 0, steps[-1] if steps else 0])


def token(exchange):
    """One request as the observer sees it: its exact upward size and its downward size to a quarter octave."""
    up, down = exchange[1], exchange[2]
    return f"{up}:{round(4 * math.log2(down + 1))}"


def sequence_counts(app, timeline):
    """n-gram counts (n = 1…3) of each app's requests within its bursts (one step), with burst start and end
    markers, and the number of steps between bursts (log scale)."""
    counts = Counter()
    previous = None
    for step, group in bursts(app["exchanges"], timeline):
        sequence = ["^"] + [token(exchange) for exchange in group] + ["$"]
        for n in (1, 2, 3):
            for index in range(len(sequence) - n + 1):
                counts[" ".join(sequence[index:index + n])] += 1
        if previous is not None:
            counts[f"gap:{round(2 * math.log2(1 + step - previous))}"] += 1
        previous = step
    return counts


def sequence_matrix(apps, timelines, minimum_share=0.02):
    """The n-gram counts of `apps` (each on its timeline) as a matrix over the n-grams seen in at least
    `minimum_share` of them."""
    per_app = [sequence_counts(app, timeline) for app, timeline in zip(apps, timelines)]
    seen = Counter(gram for counts in per_app for gram in counts)
    vocabulary = sorted(gram for gram, apps_with in seen.items() if apps_with >= max(2, minimum_share * len(apps)))
    return np.asarray([[counts.get(gram, 0) for gram in vocabulary] for counts in per_app], dtype=float)
