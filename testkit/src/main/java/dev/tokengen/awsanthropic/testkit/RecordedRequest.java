package dev.tokengen.awsanthropic.testkit;

import dev.tokengen.awsanthropic.Token;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request {@link MockGateway} received, with what the gateway made of its token.
 *
 * <pre>{@code
 * RecordedRequest request = gateway.takeRequest(Duration.ofSeconds(5));
 * assertEquals("/v1/messages", request.path());
 * assertEquals("us-east-1", request.token().get().region());
 * }</pre>
 *
 * <p>{@link #toString()} shows no token or API key. Immutable and thread-safe.
 */
public final class RecordedRequest {
    private final String method;
    private final String path;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final int status;
    private final Token token;
    private final Rejection rejection;

    RecordedRequest(String method, String path, Map<String, List<String>> headers, byte[] body, int status,
            Token token, Rejection rejection) {
        this.method = method;
        this.path = path;
        TreeMap<String, List<String>> lower = new TreeMap<>();
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            lower.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>())
                    .addAll(h.getValue());
        }
        for (Map.Entry<String, List<String>> h : lower.entrySet()) {
            h.setValue(Collections.unmodifiableList(h.getValue()));
        }
        this.headers = Collections.unmodifiableMap(lower);
        this.body = body.clone();
        this.status = status;
        this.token = token;
        this.rejection = rejection;
    }

    /** The HTTP method, such as {@code POST}. */
    public String method() {
        return method;
    }

    /** The path with its query string, such as {@code /v1/messages}. */
    public String path() {
        return path;
    }

    /** All headers, by lower-case name. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of the header {@code name} (any case), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body as UTF-8 text. */
    public String body() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The status the gateway answered with: 200, 401 or 404. */
    public int status() {
        return status;
    }

    /** The token, when the gateway verified it. */
    public Optional<Token> token() {
        return Optional.ofNullable(token);
    }

    /** Why the gateway refused the request, when it did. */
    public Optional<Rejection> rejection() {
        return Optional.ofNullable(rejection);
    }

    /** Method, path, status and outcome; never a header value. */
    @Override
    public String toString() {
        return "RecordedRequest{" + method + " " + path + ", status=" + status
                + (token != null ? ", token=" + token : "")
                + (rejection != null ? ", rejection=" + rejection.code() : "") + "}";
    }
}
