package dev.tokengen.awsanthropic.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java block in README.md is, line for line (indentation aside, closing braces added), a region between
 * {@code // README: <name>} and {@code // README end} in a test that compiles and runs, and every such region is
 * in the README: the README's examples cannot rot.
 */
class ReadmeBlocksTest {
    static final Path ROOT = Paths.get("").toAbsolutePath().getParent();

    @Test
    void everyJavaBlockInTheReadme_isCodeThatATestCompiles() throws IOException {
        Map<String, List<String>> regions = regions();
        List<List<String>> blocks = javaBlocks(ROOT.resolve("README.md"));

        for (List<String> block : blocks) {
            assertTrue(regions.containsValue(block), "this README block is not in any test:\n"
                    + String.join("\n", block));
        }
        for (Map.Entry<String, List<String>> region : regions.entrySet()) {
            assertTrue(blocks.contains(region.getValue()), "the README no longer shows the test region "
                    + region.getKey());
        }
        assertTrue(blocks.size() >= 9, "Java blocks found in README.md: " + blocks.size());
    }

    static List<List<String>> javaBlocks(Path markdown) throws IOException {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        for (String line : Files.readAllLines(markdown, StandardCharsets.UTF_8)) {
            if (current == null && line.trim().equals("```java")) {
                current = new ArrayList<>();
            } else if (current != null && line.trim().equals("```")) {
                blocks.add(normalize(current));
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return blocks;
    }

    static Map<String, List<String>> regions() throws IOException {
        Map<String, List<String>> regions = new LinkedHashMap<>();
        List<Path> sources;
        try (Stream<Path> walk = Stream.of("token-generator", "testkit", "cli")
                .flatMap(module -> walk(ROOT.resolve(module).resolve("src/test/java")))) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
        }
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (line.startsWith("// README: ")) {
                    int end = i + 1;
                    while (!lines.get(end).trim().equals("// README end")) {
                        end++;
                    }
                    regions.put(line.substring("// README: ".length()), normalize(lines.subList(i + 1, end)));
                    i = end;
                }
            }
        }
        return regions;
    }

    private static Stream<Path> walk(Path dir) {
        try {
            return Files.walk(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Trimmed, non-blank lines, without the closing braces a README block adds to finish what it opened. */
    static List<String> normalize(List<String> lines) {
        List<String> out = lines.stream().map(String::trim).filter(l -> !l.isEmpty()).collect(Collectors.toList());
        while (!out.isEmpty() && out.get(out.size() - 1).equals("}")) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
