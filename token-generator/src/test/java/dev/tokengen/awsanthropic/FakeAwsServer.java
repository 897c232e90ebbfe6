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

/** A local stand-in for STS or the SSO portal on 127.0.0.1: answers every request with one scripted response. */
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

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeAwsServer(String contentType, String answer) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
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
}
