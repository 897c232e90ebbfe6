package dev.tokengen.awsanthropic.testkit;

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

/** One shared vector (tokens.jsonl, read from the core module's test resources by this module's pom). */
record Vector(String name, String accessKeyId, String secretAccessKey, String sessionToken, String region,
        long expiresSeconds, Instant signingTime, String token) {

    static List<Vector> all() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Vector.class.getResourceAsStream("/tokens.jsonl"), StandardCharsets.UTF_8))) {
            return in.lines().filter(line -> !line.isBlank()).map(Vector::parse).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    AwsCredentials credentials() {
        return sessionToken == null
                ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
                : AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken);
    }

    private static Vector parse(String line) {
        Map<String, JsonNode> f = JsonNode.parser().parse(line).asObject();
        return new Vector(text(f, "name"), text(f, "accessKeyId"), text(f, "secretAccessKey"), text(f, "sessionToken"),
                text(f, "region"), Long.parseLong(f.get("expiresSeconds").asNumber()),
                Instant.parse(text(f, "signingTime")), text(f, "token"));
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
