"""Tests of the accounting in scripts/soak/soak.py (run by scripts/validate.sh): the exactly-once tally, the parsing
of `tipline readers`' and wrk's reports and the seeded fault schedule. The soak itself runs with `make soak`."""

import importlib.util
import pathlib
import random
import unittest

SOAK = pathlib.Path(__file__).resolve().parents[2] / "scripts" / "soak" / "soak.py"
spec = importlib.util.spec_from_file_location("soak", SOAK)
soak = importlib.util.module_from_spec(spec)
spec.loader.exec_module(soak)

REPORT = """10% 2026-12-03T13:27:53Z: 2322 messages sent, 23 real queued, 0 errors
100% 2026-12-04T03:47:53Z: 3352 messages sent, 23 real queued, 7 errors
readers                 40 (10 sources), 2.0 virtual days, until 2026-12-04T03:47:53.419027Z
app opens               907, background runs 8069
messages sent           3352 of 3367 attempted
real messages           23 sent of 24 queued, real share 0.69%
replies received        13
requests                5584, 3481478 B up, 2841707 B down
bytes per app per day   79039.81
errors                  2
over-full trimmed       0
late steps              569, at most 98.55 s late
"""


class TallyTests(unittest.TestCase):
    def test_everything_once(self):
        self.assertEqual(soak.tally(5, {1: [1, 2, 3], 2: [1, 2]}),
                         {"total": 5, "distinct": 5, "duplicated": 0, "lost": 0})

    def test_a_missing_message_is_lost(self):
        self.assertEqual(soak.tally(6, {1: [1, 2, 3], 2: [1, 2]})["lost"], 1)

    def test_a_hole_in_a_sources_numbering_is_lost(self):
        # Tip 2 never arrived although tip 3 did: lost even when the totals happen to match.
        self.assertEqual(soak.tally(4, {1: [1, 3], 2: [1, 2]})["lost"], 1)

    def test_a_message_received_twice_is_a_duplicate(self):
        counts = soak.tally(3, {1: [1, 2, 2], 2: [1]})
        self.assertEqual((counts["duplicated"], counts["lost"]), (1, 0))

    def test_a_delivered_message_whose_acknowledgement_was_lost_is_not_an_error(self):
        self.assertEqual(soak.tally(2, {1: [1, 2, 3]})["lost"], 0)


class ReportTests(unittest.TestCase):
    def test_the_final_report_not_the_progress_lines(self):
        self.assertEqual(soak.parse_readers_report(REPORT), {
            "sent": 3352, "attempted": 3367, "real_sent": 23, "replies_received": 13, "errors": 2, "late_steps": 569})

    def test_a_missing_report_reads_as_minus_one(self):
        self.assertEqual(soak.parse_readers_report("10% …: 5 messages sent, 0 real queued, 0 errors\n")["sent"], -1)


WRK_OUTPUT = """Running 1m test @ http://127.0.0.1:40123
  2 threads and 32 connections
  Socket errors: connect 0, read 3, write 0, timeout 2
load-statuses 200=170012 429=12 502=4
load-latency-p99-ms 48.3
"""


class LoadReportTests(unittest.TestCase):
    def test_statuses_errors_and_latency(self):
        self.assertEqual(soak.parse_load_report(WRK_OUTPUT), {
            "statuses": {200: 170012, 429: 12, 502: 4}, "acknowledged": 170012, "answered": 170028,
            "socket_errors": 5, "p99_ms": 48.3})

    def test_no_load_reads_as_nothing_acknowledged(self):
        report = soak.parse_load_report("")
        self.assertEqual((report["acknowledged"], report["answered"], report["p99_ms"]), (0, 0, -1.0))


class FaultScheduleTests(unittest.TestCase):
    def test_the_seed_fixes_the_schedule(self):
        first = soak.fault_schedule(random.Random(7), 300, 20)
        self.assertEqual(first, soak.fault_schedule(random.Random(7), 300, 20))
        self.assertNotEqual(first, soak.fault_schedule(random.Random(8), 300, 20))

    def test_kinds_in_equal_shares_inside_the_window_in_order(self):
        schedule = soak.fault_schedule(random.Random(1), 100, 8)
        self.assertEqual(sorted(kind for _, kind in schedule), sorted(soak.FAULT_KINDS * 2))
        moments = [moment for moment, _ in schedule]
        self.assertEqual(moments, sorted(moments))
        self.assertTrue(all(10 <= moment <= 80 for moment in moments))


if __name__ == "__main__":
    unittest.main()
