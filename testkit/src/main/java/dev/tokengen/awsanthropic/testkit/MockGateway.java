package dev.tokengen.awsanthropic.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.annotations.ThreadSafe;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * A local stand-in for Claude Platform on AWS that verifies tokens the way the service does, on 127.0.0.1 and a
 * free port; cheap enough to start one per test, like OkHttp's MockWebServer.
 *
 * <pre>{@code
 * try (MockGateway gateway = MockGateway.builder()
 *         .credentials("AKIDEXAMPLE", "secret/key")
 *         .region("us-east-1")
 *         .build()) {
 *     // point a client at gateway.url() with a token from those credentials, then:
 *     RecordedRequest request = gateway.takeRequest(Duration.ofSeconds(5));
 *     assertTrue(request.token().isPresent());
 * }
 * }</pre>
 *
 * <p>Every request must carry a token as {@code Authorization: Bearer <token>} or {@code x-api-key: <token>}. The
 * gateway decodes it, looks up the secret registered for its access key id, rebuilds the SigV4 canonical request
 * from the decoded query, recomputes the signature and compares it in constant time, then checks the region, the
 * times ({@code X-Amz-Date} not in the future, {@code X-Amz-Date + X-Amz-Expires} not passed, the registered
 * credentials not expired) and, when {@linkplain Builder#requireWorkspaceId(boolean) required}, the {@code
 * anthropic-workspace-id} header. A refused request gets a 401 with an Anthropic-style JSON error whose {@code
 * error.reason} is a {@link Rejection#code()}. An accepted {@code POST /v1/messages} gets a minimal Messages API
 * response; any other path a 404. Every request is recorded for {@link #takeRequest(Duration)}.
 *
 * <p>Thread-safe.
 */
@ThreadSafe
public final class MockGateway implements AutoCloseable {
    static final String MESSAGE_RESPONSE = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Verifier verifier;
    private final Clock clock;
    private final boolean requireWorkspaceId;
    private final String region;
    private final LinkedBlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();
    private final AtomicInteger requestCount = new AtomicInteger();

    private MockGateway(Builder builder) throws IOException {
        this.verifier = new Verifier(new HashMap<>(builder.credentials), builder.region);
        this.clock = builder.clock;
        this.requireWorkspaceId = builder.requireWorkspaceId;
        this.region = builder.region;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "mock-gateway");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Returns a new builder; see its setters for the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The base URL, {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The port the gateway listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The region tokens must be scoped to. */
    public String region() {
        return region;
    }

    /**
     * Returns the oldest request not yet taken, waiting up to {@code timeout} for one.
     *
     * @return the request, or {@code null} if none arrived in time
     * @throws InterruptedException if interrupted while waiting
     */
    public RecordedRequest takeRequest(Duration timeout) throws InterruptedException {
        return requests.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** How many requests the gateway has received, taken or not. */
    public int requestCount() {
        return requestCount.get();
    }

    /** Stops the server at once and frees its port. Idempotent. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "MockGateway{url=" + url() + ", region=" + region + ", requireWorkspaceId=" + requireWorkspaceId + "}";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = readAll(exchange.getRequestBody());
            Instant now = clock.instant();
            String token = bearerToken(exchange);
            Verifier.Result result = token == null
                    ? Verifier.Result.rejected(Rejection.MISSING_TOKEN)
                    : verifier.verify(token, now);
            Rejection rejection = result.rejection;
            if (rejection == null && requireWorkspaceId) {
                String workspace = exchange.getRequestHeaders().getFirst("anthropic-workspace-id");
                if (workspace == null || workspace.trim().isEmpty()) {
                    rejection = Rejection.MISSING_WORKSPACE_ID;
                }
            }
            int status;
            String response;
            if (rejection != null) {
                status = 401;
                response = error("authentication_error", rejection.message(), rejection.code());
            } else if ("POST".equals(exchange.getRequestMethod())
                    && "/v1/messages".equals(exchange.getRequestURI().getPath())) {
                status = 200;
                response = MESSAGE_RESPONSE;
            } else {
                status = 404;
                response = error("not_found_error", "No route for " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath() + ".", null);
            }
            requestCount.incrementAndGet();
            requests.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(), body, status, rejection == null ? result.token : null,
                    rejection));
            byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("request-id", "req_mock_" + requestCount.get());
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } finally {
            exchange.close();
        }
    }

    private static String bearerToken(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        String apiKey = exchange.getRequestHeaders().getFirst("x-api-key");
        return apiKey != null ? apiKey.trim() : null;
    }

    private static String error(String type, String message, String reason) {
        JsonWriter json = JsonWriter.create()
                .writeStartObject()
                .writeFieldName("type").writeValue("error")
                .writeFieldName("error").writeStartObject()
                .writeFieldName("type").writeValue(type)
                .writeFieldName("message").writeValue(message);
        if (reason != null) {
            json.writeFieldName("reason").writeValue(reason);
        }
        return new String(json.writeEndObject().writeEndObject().getBytes(), StandardCharsets.UTF_8);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Registered credentials: the secret, the session token it must come with, and its expiry. Immutable. */
    static final class Credentials {
        final String secretAccessKey;
        final String sessionToken;
        final Instant expiresAt;

        Credentials(String secretAccessKey, String sessionToken, Instant expiresAt) {
            this.secretAccessKey = secretAccessKey;
            this.sessionToken = sessionToken;
            this.expiresAt = expiresAt;
        }

        @Override
        public String toString() {
            return "Credentials{<redacted>}";
        }
    }

    /** Configures and starts a {@link MockGateway}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Credentials> credentials = new HashMap<>();
        private String region = "us-east-1";
        private Clock clock = Clock.systemUTC();
        private boolean requireWorkspaceId;

        private Builder() {
        }

        /**
         * Registers long-term credentials that never expire. Tokens they sign must carry no session token.
         *
         * <p>Default: no credentials (every token is refused as {@link Rejection#UNKNOWN_ACCESS_KEY}).
         *
         * @throws NullPointerException if an argument is null
         */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            return put(accessKeyId, secretAccessKey, null, null);
        }

        /**
         * Registers credentials that expire at {@code expiresAt}: tokens they signed are refused from then on, as
         * {@link Rejection#CREDENTIALS_EXPIRED}.
         *
         * @throws NullPointerException if an argument is null
         */
        public Builder credentials(String accessKeyId, String secretAccessKey, Instant expiresAt) {
            return put(accessKeyId, secretAccessKey, null, Objects.requireNonNull(expiresAt, "expiresAt"));
        }

        /**
         * Registers AWS SDK credentials, with their session token (which tokens must then carry) and expiration
         * time when they have them.
         *
         * @throws NullPointerException if {@code identity} is null
         */
        public Builder credentials(AwsCredentialsIdentity identity) {
            Objects.requireNonNull(identity, "identity");
            String sessionToken = identity instanceof AwsSessionCredentialsIdentity
                    ? ((AwsSessionCredentialsIdentity) identity).sessionToken()
                    : null;
            return put(identity.accessKeyId(), identity.secretAccessKey(), sessionToken,
                    identity.expirationTime().orElse(null));
        }

        private Builder put(String accessKeyId, String secret, String sessionToken, Instant expiresAt) {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secret, "secretAccessKey");
            credentials.put(accessKeyId, new Credentials(secret, sessionToken, expiresAt));
            return this;
        }

        /**
         * The region tokens must be scoped to; others are refused as {@link Rejection#WRONG_REGION}.
         *
         * <p>Default: {@code us-east-1}.
         *
         * @throws NullPointerException if {@code region} is null
         */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /**
         * The clock that says what time it is when checking a token's validity.
         *
         * <p>Default: {@link Clock#systemUTC()}.
         *
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Whether requests must carry a non-blank {@code anthropic-workspace-id} header, as the service requires;
         * without one a request is refused as {@link Rejection#MISSING_WORKSPACE_ID}.
         *
         * <p>Default: false.
         */
        public Builder requireWorkspaceId(boolean requireWorkspaceId) {
            this.requireWorkspaceId = requireWorkspaceId;
            return this;
        }

        /**
         * Starts the gateway on 127.0.0.1 and a free port.
         *
         * @throws UncheckedIOException if the server cannot bind
         */
        public MockGateway build() {
            try {
                return new MockGateway(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the mock gateway on 127.0.0.1", e);
            }
        }
    }
}
