package dev.tokengen.awsanthropic.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    private static String result(String benchmark, int threads, String unit, double mean, double median, double bytes) {
        return """
                {"benchmark": "dev.tokengen.awsanthropic.benchmarks.%s", "mode": "avgt", "threads": %d,
                 "primaryMetric": {"score": %s, "scoreError": "NaN", "scorePercentiles": {"50.0": %s},
                                   "scoreUnit": "%s"},
                 "secondaryMetrics": {"gc.alloc.rate.norm": {"score": %s, "scoreUnit": "B/op"}}}
                """.formatted(benchmark, threads, mean, median, unit, bytes);
    }

    private static final String JSON = "[" + String.join(",",
            result("LibraryBenchmark.staticSession", 1, "us/op", 2.9, 2.5, 5000),
            result("OfficialGeneratorBenchmark.staticSession", 1, "ns/op", 12000, 11000, 80000),
            result("TokenParseBenchmark.parseSession12h", 1, "ns/op", 4000, 6000, 100)) + "]";

    @Test
    void parse_convertsToNanosAndTakesTheMedian() {
        List<ResultTable.Row> rows = ResultTable.parse(JSON);
        assertEquals(2500, rows.get(0).nsPerOp(), 1e-9);
        assertEquals(2900, rows.get(0).mean(), 1e-9);
        assertTrue(Double.isNaN(rows.get(0).error()));
        assertEquals("LibraryBenchmark.staticSession", rows.get(0).name());
        assertEquals(5000, rows.get(0).bytesPerOp(), 1e-9);
    }

    @Test
    void cachingWithManyThreads_isComparedByThroughputWithOneThread() {
        List<ResultTable.Row> rows = ResultTable.parse("[" + String.join(",",
                result("CachingTokenProviderBenchmark.hit", 1, "ns/op", 20, 20, 0),
                result("CachingTokenProviderBenchmark.hit16", 16, "ns/op", 40, 40, 0)) + "]");
        assertTrue(ResultTable.target(rows.get(0), rows).startsWith("<50 ns met"));
        assertTrue(ResultTable.target(rows.get(1), rows).startsWith("throughput 8.0x one thread"),
                ResultTable.target(rows.get(1), rows)); // 16 ops per 40 ns against 1 op per 20 ns
    }

    @Test
    void print_showsPeerRatioAndEachTargetMetOrMissed() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ResultTable.print(ResultTable.parse(JSON), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertTrue(lines[1].contains("<=3000 ns met, <4 KB MISSED, >=4x official met"), lines[1]);
        assertTrue(lines[2].contains("4.4x"), lines[2]); // 11000 / 2500, medians
        assertTrue(lines[3].contains("<5000 ns MISSED"), lines[3]); // median 6000 although the mean is 4000
    }
}
