package dev.tokengen.awsanthropic.testkit;

// README: CachingTokenBackend
import com.anthropic.aws.backends.AwsBackend;
import com.anthropic.backends.Backend;
import com.anthropic.core.http.HttpRequest;
import com.anthropic.core.http.HttpResponse;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An Anthropic SDK {@link Backend} that authorizes every request with the current token from a supplier (such as a
 * {@code CachingTokenProvider}), for clients that outlive one token.
 *
 * <p>{@code AwsBackend.builder().apiKey(token)} takes a fixed string, so this backend keeps an {@code AwsBackend}
 * for the current token and builds a new one (cheap: no I/O) when the supplier hands out a different token, then
 * delegates to it. It uses only the SDK's public API: the {@code Backend} interface and {@code AwsBackend}'s builder.
 *
 * <p>Thread-safe.
 */
final class CachingTokenBackend implements Backend {
    private final Supplier<String> tokens;
    private final String baseUrl;
    private final String workspaceId;
    private volatile Current current;

    CachingTokenBackend(Supplier<String> tokens, String baseUrl, String workspaceId) {
        this.tokens = tokens;
        this.baseUrl = baseUrl;
        this.workspaceId = workspaceId;
    }

    /** The AwsBackend for the token the supplier gives now. */
    private AwsBackend backend() {
        String token = tokens.get();
        Current c = current;
        if (c == null || !c.token.equals(token)) {
            c = new Current(token, AwsBackend.builder().apiKey(token).baseUrl(baseUrl).workspaceId(workspaceId)
                    .build());
            current = c;
        }
        return c.backend;
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public HttpRequest prepareRequest(HttpRequest request) {
        return backend().prepareRequest(request);
    }

    @Override
    public HttpRequest authorizeRequest(HttpRequest request) {
        return backend().authorizeRequest(request);
    }

    @Override
    public HttpResponse prepareResponse(HttpResponse response) {
        return backend().prepareResponse(response);
    }

    @Override
    public Optional<String> openTelemetryPlatform() {
        return backend().openTelemetryPlatform();
    }

    @Override
    public void close() {
        // AwsBackend holds nothing to release when it has an API key.
    }

    private static final class Current {
        final String token;
        final AwsBackend backend;

        Current(String token, AwsBackend backend) {
            this.token = token;
            this.backend = backend;
        }

        @Override
        public String toString() {
            return "Current{<redacted>}";
        }
    }
}
// README end
