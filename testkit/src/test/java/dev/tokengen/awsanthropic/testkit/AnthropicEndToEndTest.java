package dev.tokengen.awsanthropic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.aws.backends.AwsBackend;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import dev.tokengen.awsanthropic.CachingTokenProvider;
import dev.tokengen.awsanthropic.MutableClock;
import dev.tokengen.awsanthropic.Token;
import dev.tokengen.awsanthropic.TokenGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The real Anthropic Java SDK (AWS backend, OkHttp client) against the gateway, with tokens from this library. */
class AnthropicEndToEndTest {
    static final String KEY_ID = "AKIDENDTOEND";
    static final String SECRET = "end/to/end+secret";

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    MockGateway gateway() {
        return open(MockGateway.builder().credentials(KEY_ID, SECRET).region("us-east-1").clock(clock)
                .requireWorkspaceId(true).build());
    }

    static MessageCreateParams hello() {
        return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(64).addUserMessage("Hello").build();
    }

    @Test
    void theSdkSendsAGeneratedToken_andTheGatewayVerifiesIt() throws Exception {
        MockGateway gateway = gateway();
        AwsCredentials credentials = AwsBasicCredentials.create(KEY_ID, SECRET);
        TokenGenerator generator = TokenGenerator.builder()
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .region("us-east-1")
                .clock(clock)
                .build();

        // README: Anthropic SDK with one token
        String token = generator.getToken();
        AnthropicClient client = AnthropicOkHttpClient.builder()
                .backend(AwsBackend.builder()
                        .apiKey(token)
                        .baseUrl(gateway.url())
                        .workspaceId("wrkspc_test")
                        .build())
                .build();
        Message message = client.messages().create(MessageCreateParams.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(64)
                .addUserMessage("Hello")
                .build());
        // README end
        open(client::close);

        assertEquals("hi", message.content().get(0).text().get().text());
        RecordedRequest request = gateway.takeRequest(Duration.ofSeconds(5));
        assertEquals(token, request.token().get().value());
        assertEquals("Bearer " + token, request.header("Authorization"));
        assertEquals("wrkspc_test", request.header("anthropic-workspace-id"));
        assertTrue(request.body().contains("\"Hello\""), request.body());
    }

    @Test
    void aRejectedToken_surfacesAsUnauthorizedException() throws Exception {
        MockGateway gateway = gateway();
        String wrong = TokenGenerator.getToken(AwsBasicCredentials.create(KEY_ID, "not/the/secret"), "us-east-1",
                Duration.ofHours(1));
        AnthropicClient client = AnthropicOkHttpClient.builder()
                .backend(AwsBackend.builder().apiKey(wrong).baseUrl(gateway.url()).workspaceId("wrkspc_test").build())
                .build();
        open(client::close);
        clock.set(Instant.now()); // the static getToken signs at the real time

        UnauthorizedException e = assertThrows(UnauthorizedException.class, () -> client.messages().create(hello()));

        assertEquals(401, e.statusCode());
        assertEquals(Optional.of(Rejection.BAD_SIGNATURE), gateway.takeRequest(Duration.ofSeconds(5)).rejection());
        assertEquals(1, gateway.requestCount(), "a 401 is not retried");
        assertFalse(String.valueOf(e.getMessage()).contains(wrong.substring(40)));
    }

    @Test
    void aClientRunningLongerThanOneTokenLifetime_sendsAValidTokenWithEveryRequest() throws Exception {
        MockGateway gateway = gateway();
        AtomicInteger resolved = new AtomicInteger();
        AwsCredentialsProvider counting = () -> {
            resolved.incrementAndGet();
            return AwsBasicCredentials.create(KEY_ID, SECRET);
        };
        TokenGenerator generator = TokenGenerator.builder().credentialsProvider(counting).region("us-east-1")
                .expiry(Duration.ofMinutes(15)).clock(clock).build();

        // README: Anthropic SDK with a refreshing token
        CachingTokenProvider tokens = CachingTokenProvider.create(generator);
        AnthropicClient client = AnthropicOkHttpClient.builder()
                .backend(new CachingTokenBackend(tokens, gateway.url(), "wrkspc_test"))
                .build();
        // README end
        open(tokens);
        open(client::close);

        Set<String> seen = new LinkedHashSet<>();
        int requests = 60; // one a minute for an hour: four 15-minute lifetimes
        for (int minute = 0; minute < requests; minute++) {
            Message message = client.messages().create(hello());
            assertEquals("hi", message.content().get(0).text().get().text());
            RecordedRequest request = gateway.takeRequest(Duration.ofSeconds(5));
            Token token = request.token().orElseThrow(() -> new AssertionError("refused: " + request));
            assertTrue(token.timeLeft(clock.instant()).compareTo(Duration.ofMinutes(1)) > 0,
                    "sent a token inside its stale margin at minute " + minute);
            seen.add(token.value());
            clock.advance(Duration.ofMinutes(1));
        }

        assertEquals(requests, gateway.requestCount(), "no retries: every request was accepted at once");
        assertTrue(seen.size() >= 5, "tokens used over an hour of 15-minute tokens: " + seen.size());
        assertEquals(seen.size(), resolved.get(), "one generation per token used");
    }

    @Test
    void withoutRefreshing_theSameClientIsRefusedOnceItsTokenExpires() throws Exception {
        MockGateway gateway = gateway();
        TokenGenerator generator = TokenGenerator.builder()
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
                .region("us-east-1").expiry(Duration.ofMinutes(15)).clock(clock).build();
        AnthropicClient client = AnthropicOkHttpClient.builder()
                .backend(AwsBackend.builder().apiKey(generator.getToken()).baseUrl(gateway.url())
                        .workspaceId("wrkspc_test").build())
                .build();
        open(client::close);
        client.messages().create(hello());

        clock.advance(Duration.ofMinutes(15));

        assertThrows(UnauthorizedException.class, () -> client.messages().create(hello()));
        gateway.takeRequest(Duration.ofSeconds(5));
        assertEquals(Optional.of(Rejection.EXPIRED), gateway.takeRequest(Duration.ofSeconds(5)).rejection());
    }
}
