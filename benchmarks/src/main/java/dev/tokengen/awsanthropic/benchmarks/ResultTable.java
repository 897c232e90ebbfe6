package dev.tokengen.awsanthropic.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Prints a JMH JSON result file ({@code -rf json}) as the compact table {@code BENCHMARKS.md} quotes: time and
 * allocation per operation, the ratio of each peer to this library on the same inputs, and the targets.
 * Ratios and targets use the median of the measurement iterations; the mean and JMH's 99.9% interval are shown
 * beside it.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.tokengen.awsanthropic.benchmarks.ResultTable \
 *     benchmarks/target/jmh-result.json
 * }</pre>
 *
 * <p>Not thread-safe; a command-line tool.
 */
public final class ResultTable {

    /** Peer benchmark (simple name) to the benchmark of ours on the same inputs. */
    static final Map<String, String> PEERS = new LinkedHashMap<>();

    static {
        PEERS.put("OfficialGeneratorBenchmark.staticBasic", "LibraryBenchmark.staticBasic");
        PEERS.put("OfficialGeneratorBenchmark.staticSession", "LibraryBenchmark.staticSession");
        PEERS.put("SignerBaselineBenchmark.basic", "LibraryBenchmark.staticBasic");
        PEERS.put("SignerBaselineBenchmark.session", "LibraryBenchmark.staticSession");
    }

    /** One benchmark's figures. */
    record Row(String name, int threads, double nsPerOp, double mean, double error, double bytesPerOp) {
    }

    private ResultTable() {
    }

    public static void main(String[] args) {
        Path file = Paths.get(args.length > 0 ? args[0] : "benchmarks/target/jmh-result.json");
        print(parse(read(file)), System.out);
    }

    static List<Row> parse(String json) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode result : JsonNode.parser().parse(json).asArray()) {
            Map<String, JsonNode> r = result.asObject();
            Map<String, JsonNode> primary = r.get("primaryMetric").asObject();
            double scale = nanosPer(primary.get("scoreUnit").asString());
            double bytes = Double.NaN;
            JsonNode secondary = r.get("secondaryMetrics");
            if (secondary != null && secondary.asObject().containsKey("gc.alloc.rate.norm")) {
                bytes = number(secondary.asObject().get("gc.alloc.rate.norm").asObject().get("score"));
            }
            String full = r.get("benchmark").asString();
            String[] parts = full.split("\\.");
            String name = parts[parts.length - 2] + "." + parts[parts.length - 1];
            double median = number(primary.get("scorePercentiles").asObject().get("50.0")) * scale;
            rows.add(new Row(name, (int) number(r.get("threads")), median, number(primary.get("score")) * scale,
                    number(primary.get("scoreError")) * scale, bytes));
        }
        return rows;
    }

    static void print(List<Row> rows, PrintStream out) {
        out.printf(Locale.ROOT, "%-45s %3s %12s %20s %10s %9s  %s%n", "Benchmark", "thr", "median ns/op",
                "mean ± 99.9% CI", "B/op", "peer/ours", "target");
        for (Row row : rows) {
            String ratio = "";
            String ours = PEERS.get(row.name());
            if (ours != null) {
                Row base = find(rows, ours);
                if (base != null) {
                    ratio = String.format(Locale.ROOT, "%.1fx", row.nsPerOp() / base.nsPerOp());
                }
            }
            out.printf(Locale.ROOT, "%-45s %3d %12.1f %20s %10s %9s  %s%n", row.name(), row.threads(), row.nsPerOp(),
                    Double.isNaN(row.error()) ? String.format(Locale.ROOT, "%.1f", row.mean())
                            : String.format(Locale.ROOT, "%.1f ± %.1f", row.mean(), row.error()),
                    Double.isNaN(row.bytesPerOp()) ? "-" : String.format(Locale.ROOT, "%.0f", row.bytesPerOp()),
                    ratio, target(row, rows));
        }
    }

    /** The target for this row, and whether this run meets it; empty for rows without a target. */
    static String target(Row row, List<Row> rows) {
        if (row.name().startsWith("LibraryBenchmark.static")) {
            String peer = row.name().equals("LibraryBenchmark.staticBasic")
                    ? "OfficialGeneratorBenchmark.staticBasic" : "OfficialGeneratorBenchmark.staticSession";
            Row official = find(rows, peer);
            boolean fast = row.nsPerOp() <= 3000;
            boolean small = row.bytesPerOp() < 4096;
            String verdict = "<=3000 ns " + mark(fast) + ", <4 KB " + mark(small);
            if (official != null) {
                verdict += ", >=4x official " + mark(official.nsPerOp() / row.nsPerOp() >= 4);
            }
            return verdict;
        }
        if (row.name().startsWith("TokenParseBenchmark.")) {
            return "<5000 ns " + mark(row.nsPerOp() < 5000);
        }
        if (row.name().startsWith("Caching") && row.threads() == 1) {
            return "<50 ns " + mark(row.nsPerOp() < 50);
        }
        if (row.name().startsWith("Caching") && row.threads() > 1) {
            Row single = null;
            for (Row other : rows) {
                if (other.name().startsWith("Caching") && other.threads() == 1) {
                    single = other;
                }
            }
            if (single != null) { // throughput: threads / (time per op of one thread)
                double scaling = (row.threads() / row.nsPerOp()) / (1 / single.nsPerOp());
                int cores = Runtime.getRuntime().availableProcessors();
                return String.format(Locale.ROOT, "throughput %.1fx one thread on %d cores (>=8x on 16 cores)",
                        scaling, cores);
            }
        }
        return "";
    }

    private static String mark(boolean met) {
        return met ? "met" : "MISSED";
    }

    private static Row find(List<Row> rows, String name) {
        for (Row row : rows) {
            if (row.name().equals(name)) {
                return row;
            }
        }
        return null;
    }

    private static double nanosPer(String unit) {
        switch (unit) {
            case "ns/op": return 1;
            case "us/op": return 1e3;
            case "ms/op": return 1e6;
            case "s/op": return 1e9;
            default: throw new IllegalArgumentException("unsupported score unit " + unit + " (run with -bm avgt)");
        }
    }

    private static double number(JsonNode node) {
        String text = node.isNumber() ? node.asNumber() : node.asString(); // JMH writes "NaN" as a string
        return Double.parseDouble(text);
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
