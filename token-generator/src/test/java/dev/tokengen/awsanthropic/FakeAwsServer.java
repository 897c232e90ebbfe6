package dev.tokengen.awsanthropic;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A local stand-in for STS, the SSO portal, the container credentials endpoint or instance metadata on 127.0.0.1:
 * answers each request with a scripted response, or 404 when the script has none.
 */
final class FakeAwsServer implements AutoCloseable {
    /** One request as the fake saw it; header names lower-case. */
    record Request(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** The session token {@link #instanceMetadata} hands out. */
    static final String IMDS_TOKEN = "fake-imds-v2-session-token";

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeAwsServer(String contentType, String answer) {
        this(contentType, request -> answer);
    }

    /** {@code script} maps each request to its answer, or to null for 404. */
    FakeAwsServer(String contentType, Function<Request, String> script) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), body);
            requests.add(request);
            String answer = script.apply(request);
            if (answer == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static FakeAwsServer sts(String resultElement, String accessKeyId, String expiration) {
        return new FakeAwsServer("text/xml", "<" + resultElement + "Response><" + resultElement + "Result><Credentials>"
                + "<AccessKeyId>" + accessKeyId + "</AccessKeyId><SecretAccessKey>stsSecretKey</SecretAccessKey>"
                + "<SessionToken>stsSessionToken</SessionToken><Expiration>" + expiration + "</Expiration>"
                + "</Credentials></" + resultElement + "Result></" + resultElement + "Response>");
    }

    static FakeAwsServer ssoPortal(String accessKeyId, long expirationMillis) {
        return new FakeAwsServer("application/json", "{\"roleCredentials\":{\"accessKeyId\":\"" + accessKeyId
                + "\",\"secretAccessKey\":\"ssoSecretKey\",\"sessionToken\":\"ssoSessionToken\",\"expiration\":"
                + expirationMillis + "}}");
    }

    /** The ECS/EKS container credentials endpoint: the same JSON for every request. */
    static FakeAwsServer container(String accessKeyId, String expiration) {
        return new FakeAwsServer("application/json", "{\"AccessKeyId\":\"" + accessKeyId
                + "\",\"SecretAccessKey\":\"containerSecretKey\",\"Token\":\"containerSessionToken\","
                + "\"Expiration\":\"" + expiration + "\"}");
    }

    /**
     * Instance metadata with IMDSv2: {@code PUT /latest/api/token} hands out {@link #IMDS_TOKEN}, and only a GET
     * carrying it gets the role, its credentials or the identity document with {@code region}; anything else is 404.
     */
    static FakeAwsServer instanceMetadata(String role, String accessKeyId, String expiration, String region) {
        return new FakeAwsServer("text/plain", request -> {
            String path = request.pathAndQuery();
            if (request.method().equals("PUT")) {
                return path.equals("/latest/api/token") ? IMDS_TOKEN : null;
            }
            if (!request.method().equals("GET") || !IMDS_TOKEN.equals(request.header("x-aws-ec2-metadata-token"))) {
                return null;
            }
            switch (path) {
                case "/latest/meta-data/iam/security-credentials/":
                    return role + "\n";
                case "/latest/dynamic/instance-identity/document":
                    return "{\"accountId\":\"123456789012\",\"instanceId\":\"i-0fake\",\"region\":\"" + region
                            + "\",\"availabilityZone\":\"" + region + "a\"}";
                default:
                    return path.equals("/latest/meta-data/iam/security-credentials/" + role)
                            ? "{\"Code\":\"Success\",\"LastUpdated\":\"2020-01-01T00:00:00Z\",\"Type\":\"AWS-HMAC\","
                            + "\"AccessKeyId\":\"" + accessKeyId + "\",\"SecretAccessKey\":\"imdsSecretKey\","
                            + "\"Token\":\"imdsSessionToken\",\"Expiration\":\"" + expiration + "\"}"
                            : null;
            }
        });
    }
}
