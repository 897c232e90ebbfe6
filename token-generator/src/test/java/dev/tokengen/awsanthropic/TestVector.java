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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * One of the shared vectors computed by the Python package's signing engine (test resource tokens.jsonl). Shared
 * with the testkit module through this module's test jar.
 */
public record TestVector(String name, String accessKeyId, String secretAccessKey, String sessionToken, String region,
        long expiresSeconds, Instant signingTime, String presignedUrl, String token) {

    public static List<TestVector> all() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                TestVector.class.getResourceAsStream("/tokens.jsonl"), StandardCharsets.UTF_8))) {
            return in.lines().filter(line -> !line.isBlank()).map(TestVector::parse).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The vector's credentials, with its session token when it has one. */
    public AwsCredentials credentials() {
        return sessionToken == null
                ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
                : AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken);
    }

    private static TestVector parse(String line) {
        Map<String, JsonNode> f = JsonNode.parser().parse(line).asObject();
        return new TestVector(text(f, "name"), text(f, "accessKeyId"), text(f, "secretAccessKey"),
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
