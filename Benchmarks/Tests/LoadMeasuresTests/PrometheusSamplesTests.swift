import LoadMeasures
import Testing

@Suite struct PrometheusSamplesTests {
    @Test func readsEachSeriesWithItsLabels() {
        let samples = PrometheusSamples(
            text: """
                # HELP tipline_covernode_inputs_total
                # TYPE tipline_covernode_inputs_total counter
                tipline_covernode_inputs_total{direction="u2j"} 40000
                tipline_covernode_inputs_total{direction="j2u"} 3
                tipline_covernode_queue_depth{direction="u2j"} 12.5

                tipline_covernode_retention_held_back_total 0
                tipline_example_total{reason="two words"} 7
                """)
        #expect(samples[#"tipline_covernode_inputs_total{direction="u2j"}"#] == 40_000)
        #expect(samples[#"tipline_covernode_inputs_total{direction="j2u"}"#] == 3)
        #expect(samples[#"tipline_covernode_queue_depth{direction="u2j"}"#] == 12.5)
        #expect(samples["tipline_covernode_retention_held_back_total"] == 0)
        #expect(samples[#"tipline_example_total{reason="two words"}"#] == 7)
    }

    @Test func aSeriesNotPrintedYetCountsZeroAndGarbageIsSkipped() {
        let samples = PrometheusSamples(text: "no value here\nname{label=\"a b\"} not-a-number\n")
        #expect(samples[#"tipline_covernode_releases_total{direction="u2j"}"#] == 0)
        #expect(samples[#"name{label="a b"}"#] == 0)
        #expect(samples["no value"] == 0)
    }
}
