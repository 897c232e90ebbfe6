package dev.tokengen.awsanthropic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** One of the shared vectors computed by the Python package's signing engine (test resource tokens.jsonl). */
record TestVectors(String name, String accessKeyId, String secretAccessKey, String sessionToken, String region,
        long expiresSeconds, Instant signingTime, String presignedUrl, String token) {

    static List<TestVectors> all() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                TestVectors.class.getResourceAsStream("/tokens.jsonl"), StandardCharsets.UTF_8))) {
            return in.lines().filter(line -> !line.isBlank()).map(TestVectors::parse).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TestVectors parse(String line) {
        Map<String, JsonNode> f = JsonNode.parser().parse(line).asObject();
        return new TestVectors(text(f, "name"), text(f, "accessKeyId"), text(f, "secretAccessKey"),
                text(f, "sessionToken"), text(f, "region"), Long.parseLong(f.get("expiresSeconds").asNumber()),
                Instant.parse(text(f, "signingTime")), text(f, "presignedUrl"), text(f, "token"));
    }

    private static String text(Map<String, JsonNode> f, String name) {
        JsonNode node = f.get(name);
        return node == null || node.isNull() ? null : node.asString();
    }

    @Override
    public String toString() {
        return name;
    }
}
