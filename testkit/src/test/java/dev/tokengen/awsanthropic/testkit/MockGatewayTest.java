package dev.tokengen.awsanthropic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokengen.awsanthropic.MutableClock;
import dev.tokengen.awsanthropic.TestVector;
import dev.tokengen.awsanthropic.TokenGenerator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

class MockGatewayTest {
    static final String PREFIX = "aws-external-anthropic-api-key-";
    static final Instant START = Instant.parse("2026-11-27T12:00:00Z");
    static final String KEY_ID = "AKIDGATEWAYTEST";
    static final String SECRET = "gateway/test/secret+key";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    final MutableClock clock = new MutableClock(START);
    MockGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    MockGateway start(MockGateway.Builder builder) {
        gateway = builder.clock(clock).build();
        return gateway;
    }

    MockGateway startDefault() {
        return start(MockGateway.builder().credentials(KEY_ID, SECRET).region("us-east-1"));
    }

    static String token(AwsCredentials credentials, String region, Duration expiry, Instant at) {
        return TokenGenerator.builder().credentialsProvider(StaticCredentialsProvider.create(credentials))
                .region(region).clock(Clock.fixed(at, ZoneOffset.UTC)).build().getToken(expiry);
    }

    static String token() {
        return token(AwsBasicCredentials.create(KEY_ID, SECRET), "us-east-1", Duration.ofHours(1), START);
    }

    /** Decodes a token, edits its presigned URL, encodes it again (the signature is left as it was). */
    static String tamper(String token, UnaryOperator<String> edit) {
        String url = new String(Base64.getDecoder().decode(token.substring(PREFIX.length())), StandardCharsets.UTF_8);
        String edited = edit.apply(url);
        assertFalse(edited.equals(url), "the edit changed nothing");
        return PREFIX + Base64.getEncoder().encodeToString(edited.getBytes(StandardCharsets.UTF_8));
    }

    record Answer(int status, String body) {
        String reason() {
            Map<String, JsonNode> error = JsonNode.parser().parse(body).asObject().get("error").asObject();
            return error.get("reason").asString();
        }
    }

    Answer post(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + path))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\"}"));
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    Answer bearer(String token) throws IOException, InterruptedException {
        return post("/v1/messages", Map.of("Authorization", "Bearer " + token));
    }

    void assertRejected(String token, Rejection expected) throws Exception {
        Answer answer = bearer(token);
        assertEquals(401, answer.status(), answer.body());
        assertEquals(expected.code(), answer.reason(), answer.body());
        assertFalse(answer.body().contains(token.substring(Math.min(token.length(), 20))),
                "the error body must not echo the token");
        RecordedRequest recorded = gateway.takeRequest(Duration.ofSeconds(5));
        assertEquals(Optional.of(expected), recorded.rejection());
        assertEquals(Optional.empty(), recorded.token());
        assertEquals(401, recorded.status());
    }

    @Test
    void readmeExample_works() throws Exception {
        // README: MockGateway
        try (MockGateway gateway = MockGateway.builder()
                .credentials("AKIDEXAMPLE", "example/secret/key")   // access key id -> secret (optional expiry)
                .region("us-east-1")                                // Default: us-east-1
                .requireWorkspaceId(true)                           // Default: false
                .build()) {
            String token = TokenGenerator.getToken(
                    AwsBasicCredentials.create("AKIDEXAMPLE", "example/secret/key"), "us-east-1", Duration.ofHours(1));
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/messages"))
                            .header("Authorization", "Bearer " + token)
                            .header("anthropic-workspace-id", "wrkspc_test")
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            RecordedRequest request = gateway.takeRequest(Duration.ofSeconds(5));
            // response: 200 and a minimal Messages API answer; request.token(): the verified Token.
            // A refused token gets a 401 whose JSON error.reason, like request.rejection(), says why.
            // README end
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(token, request.token().get().value());
        }
    }

    @Test
    void aValidBearerToken_isAcceptedAndAnsweredWithAMessage() throws Exception {
        startDefault();
        String token = token();

        Answer answer = bearer(token);

        assertEquals(200, answer.status());
        assertEquals("message", JsonNode.parser().parse(answer.body()).asObject().get("type").asString());
        RecordedRequest recorded = gateway.takeRequest(Duration.ofSeconds(5));
        assertEquals("POST", recorded.method());
        assertEquals("/v1/messages", recorded.path());
        assertEquals("{\"model\":\"claude-sonnet-4-5\"}", recorded.body());
        assertEquals(token, recorded.token().get().value());
        assertEquals(KEY_ID, recorded.token().get().accessKeyId());
        assertEquals("us-east-1", recorded.token().get().region());
        assertEquals(Optional.empty(), recorded.rejection());
        assertEquals(1, gateway.requestCount());
    }

    @Test
    void aValidTokenAsXApiKey_isAccepted() throws Exception {
        startDefault();
        Answer answer = post("/v1/messages", Map.of("x-api-key", token()));
        assertEquals(200, answer.status(), answer.body());
        assertEquals(token(), gateway.takeRequest(Duration.ofSeconds(5)).header("X-API-KEY"));
    }

    @Test
    void aTokenSignedWithTheWrongSecret_isRejectedAsBadSignature() throws Exception {
        startDefault();
        assertRejected(token(AwsBasicCredentials.create(KEY_ID, "not/the/secret"), "us-east-1", Duration.ofHours(1),
                START), Rejection.BAD_SIGNATURE);
    }

    @Test
    void aTamperedParameter_isRejectedAsBadSignature() throws Exception {
        startDefault();
        assertRejected(tamper(token(), url -> url.replace("X-Amz-Expires=3600", "X-Amz-Expires=43200")),
                Rejection.BAD_SIGNATURE);
        assertRejected(tamper(token(), url -> url.replace("X-Amz-Date=20261127T120000Z",
                "X-Amz-Date=20261127T120001Z")), Rejection.BAD_SIGNATURE);
    }

    @Test
    void aTamperedSignature_isRejectedAsBadSignature() throws Exception {
        startDefault();
        String token = token();
        assertRejected(tamper(token, url -> {
            int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
            char c = url.charAt(at);
            return url.substring(0, at) + (c == '0' ? '1' : '0') + url.substring(at + 1);
        }), Rejection.BAD_SIGNATURE);
    }

    @Test
    void aTokenForAnotherRegion_isRejectedAsWrongRegion() throws Exception {
        startDefault();
        assertRejected(token(AwsBasicCredentials.create(KEY_ID, SECRET), "us-west-2", Duration.ofHours(1), START),
                Rejection.WRONG_REGION);
    }

    @Test
    void aTokenPastItsExpiry_isRejectedAsExpired() throws Exception {
        startDefault();
        String token = token();
        clock.set(START.plus(Duration.ofHours(1)).minusSeconds(1));
        assertEquals(200, bearer(token).status(), "valid until the last second");
        gateway.takeRequest(Duration.ofSeconds(5));

        clock.set(START.plus(Duration.ofHours(1)));
        assertRejected(token, Rejection.EXPIRED);
    }

    @Test
    void aTokenSignedInTheFuture_isRejectedAsNotYetValid() throws Exception {
        startDefault();
        assertRejected(token(AwsBasicCredentials.create(KEY_ID, SECRET), "us-east-1", Duration.ofHours(1),
                START.plusSeconds(1)), Rejection.NOT_YET_VALID);
    }

    @Test
    void aTokenFromCredentialsThatHaveSinceExpired_isRejectedAsCredentialsExpired() throws Exception {
        start(MockGateway.builder().credentials(KEY_ID, SECRET, START.plus(Duration.ofMinutes(10))));
        String token = token();
        assertEquals(200, bearer(token).status());
        gateway.takeRequest(Duration.ofSeconds(5));

        clock.set(START.plus(Duration.ofMinutes(10)));
        assertRejected(token, Rejection.CREDENTIALS_EXPIRED);
    }

    @Test
    void anUnknownAccessKey_isRejected() throws Exception {
        startDefault();
        assertRejected(token(AwsBasicCredentials.create("AKIDSTRANGER", SECRET), "us-east-1", Duration.ofHours(1),
                START), Rejection.UNKNOWN_ACCESS_KEY);
    }

    @Test
    void garbage_isRejectedAsMalformed() throws Exception {
        startDefault();
        assertRejected(PREFIX + "bm90IGEgdXJs", Rejection.MALFORMED);
        assertRejected("sk-ant-api03-somethingelse-entirely-0123456789", Rejection.MALFORMED);
        assertRejected(tamper(token(), url -> url.replace("X-Amz-Expires=3600", "X-Amz-Expires=43201")),
                Rejection.MALFORMED);
    }

    @Test
    void noTokenAtAll_isRejectedAsMissing() throws Exception {
        startDefault();
        Answer answer = post("/v1/messages", Map.of());
        assertEquals(401, answer.status());
        assertEquals("missing_token", answer.reason());
        assertEquals("authentication_error", JsonNode.parser().parse(answer.body()).asObject().get("error")
                .asObject().get("type").asString());
    }

    @Test
    void aTokenForAnotherService_isRejectedAsWrongService() throws Exception {
        startDefault();
        assertRejected(tamper(token(), url -> url.replace("%2Faws-external-anthropic%2F", "%2Fbedrock%2F")),
                Rejection.WRONG_SERVICE);
    }

    @Test
    void aWrongActionOrVersion_isRejected() throws Exception {
        startDefault();
        assertRejected(tamper(token(), url -> url.replace("Action=CallWithBearerToken", "Action=Invoke")),
                Rejection.WRONG_ACTION);
        assertRejected(tamper(token(), url -> url.replace("&Version=1", "&Version=2")), Rejection.WRONG_VERSION);
    }

    @Test
    void sessionCredentials_requireTheirOwnSessionToken() throws Exception {
        AwsSessionCredentials registered = AwsSessionCredentials.create("ASIAGATEWAY", SECRET, "the-session-token");
        start(MockGateway.builder().credentials(registered));

        assertEquals(200, bearer(token(registered, "us-east-1", Duration.ofHours(1), START)).status());
        gateway.takeRequest(Duration.ofSeconds(5));
        assertRejected(token(AwsSessionCredentials.create("ASIAGATEWAY", SECRET, "another-session-token"),
                "us-east-1", Duration.ofHours(1), START), Rejection.INVALID_SESSION_TOKEN);
        assertRejected(token(AwsBasicCredentials.create("ASIAGATEWAY", SECRET), "us-east-1", Duration.ofHours(1),
                START), Rejection.INVALID_SESSION_TOKEN);
    }

    @Test
    void aRequiredWorkspaceId_mustBeSent() throws Exception {
        start(MockGateway.builder().credentials(KEY_ID, SECRET).requireWorkspaceId(true));
        assertRejected(token(), Rejection.MISSING_WORKSPACE_ID);

        Answer answer = post("/v1/messages", Map.of("Authorization", "Bearer " + token(),
                "anthropic-workspace-id", "wrkspc_test"));
        assertEquals(200, answer.status(), answer.body());
        assertEquals("wrkspc_test", gateway.takeRequest(Duration.ofSeconds(5)).header("anthropic-workspace-id"));
    }

    @Test
    void anotherPath_isNotFoundOnceTheTokenIsValid() throws Exception {
        startDefault();
        assertEquals(404, post("/v1/models", Map.of("Authorization", "Bearer " + token())).status());
    }

    @Test
    void takeRequest_returnsNullWhenNothingArrives() throws Exception {
        startDefault();
        assertNull(gateway.takeRequest(Duration.ofMillis(10)));
    }

    @Test
    void recordedRequestsAndTheGateway_showNoSecretInToString() throws Exception {
        startDefault();
        String token = token();
        bearer(token);
        RecordedRequest recorded = gateway.takeRequest(Duration.ofSeconds(5));
        String text = recorded + " " + gateway;
        assertFalse(text.contains(token.substring(PREFIX.length(), PREFIX.length() + 40)), text);
        assertFalse(text.contains(SECRET), text);
        assertTrue(text.contains("<redacted>"), text);
    }

    @Test
    void closing_freesThePort() throws Exception {
        startDefault();
        String url = gateway.url();
        gateway.close();
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(url + "/v1/messages")).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            throw new AssertionError("the closed gateway still answered");
        } catch (IOException expected) {
            // connection refused
        }
    }

    @Test
    void allTwentySharedVectorsAreLoaded() {
        assertEquals(20, TestVector.all().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.tokengen.awsanthropic.TestVector#all")
    void everySharedVector_isAcceptedAtItsSigningTimeAndRejectedOnceExpired(TestVector v) throws Exception {
        clock.set(v.signingTime());
        start(MockGateway.builder().credentials(v.credentials()).region(v.region()));

        Answer answer = bearer(v.token());
        assertEquals(200, answer.status(), answer.body());
        assertEquals(v.token(), gateway.takeRequest(Duration.ofSeconds(5)).token().get().value());

        clock.set(v.signingTime().plusSeconds(v.expiresSeconds()));
        assertRejected(v.token(), Rejection.EXPIRED);
    }
}
