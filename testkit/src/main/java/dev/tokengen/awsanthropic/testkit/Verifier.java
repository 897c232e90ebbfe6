package dev.tokengen.awsanthropic.testkit;

import dev.tokengen.awsanthropic.Token;
import dev.tokengen.awsanthropic.TokenException;
import dev.tokengen.awsanthropic.TokenGenerator;
import dev.tokengen.awsanthropic.internal.PresignedUrl;
import dev.tokengen.awsanthropic.internal.Presigner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a token the way the service does: decode, look up the secret, rebuild the standard SigV4 canonical request
 * from the decoded query, recompute the signature and compare in constant time, then the times. Thread-safe.
 */
final class Verifier {
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final Map<String, MockGateway.Credentials> credentials;
    private final String region;

    Verifier(Map<String, MockGateway.Credentials> credentials, String region) {
        this.credentials = credentials;
        this.region = region;
    }

    /** The outcome: a verified token or the reason it was refused. */
    static final class Result {
        final Token token;
        final Rejection rejection;

        private Result(Token token, Rejection rejection) {
            this.token = token;
            this.rejection = rejection;
        }

        static Result accepted(Token token) {
            return new Result(token, null);
        }

        static Result rejected(Rejection rejection) {
            return new Result(null, rejection);
        }
    }

    Result verify(String value, Instant now) {
        PresignedUrl url;
        try {
            url = PresignedUrl.decode(value);
        } catch (TokenException e) {
            return Result.rejected(Rejection.MALFORMED);
        }
        if (!Presigner.SERVICE.equals(url.service())) {
            return Result.rejected(Rejection.WRONG_SERVICE);
        }
        if (!Presigner.ACTION.equals(url.action())) {
            return Result.rejected(Rejection.WRONG_ACTION);
        }
        if (!Presigner.VERSION.equals(url.version())) {
            return Result.rejected(Rejection.WRONG_VERSION);
        }
        if (url.expiresSeconds() < 1 || url.expiresSeconds() > TokenGenerator.MAX_EXPIRY.getSeconds()) {
            return Result.rejected(Rejection.MALFORMED);
        }
        if (!region.equals(url.region())) {
            return Result.rejected(Rejection.WRONG_REGION);
        }
        MockGateway.Credentials registered = credentials.get(url.accessKeyId());
        if (registered == null) {
            return Result.rejected(Rejection.UNKNOWN_ACCESS_KEY);
        }
        String expected = Presigner.sign(registered.secretAccessKey, url.signedAt(), url.region(),
                stringToSign(url));
        if (!constantTimeEquals(expected, url.signature())) {
            return Result.rejected(Rejection.BAD_SIGNATURE);
        }
        String sessionToken = url.sessionToken();
        boolean sessionOk = registered.sessionToken == null
                ? sessionToken == null
                : sessionToken != null && constantTimeEquals(registered.sessionToken, sessionToken);
        if (!sessionOk) {
            return Result.rejected(Rejection.INVALID_SESSION_TOKEN);
        }
        if (url.signedAt().isAfter(now)) {
            return Result.rejected(Rejection.NOT_YET_VALID);
        }
        if (!now.isBefore(url.signedAt().plusSeconds(url.expiresSeconds()))) {
            return Result.rejected(Rejection.EXPIRED);
        }
        if (registered.expiresAt != null && !now.isBefore(registered.expiresAt)) {
            return Result.rejected(Rejection.CREDENTIALS_EXPIRED);
        }
        return Result.accepted(Token.parse(value));
    }

    /** The SigV4 string to sign for the presigned {@code POST /} with the query the URL carries. */
    static String stringToSign(PresignedUrl url) {
        // Every parameter but the signature itself and Version (appended after signing), sorted, RFC 3986-encoded.
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> p : url.parameters().entrySet()) {
            if (!PresignedUrl.SIGNATURE.equals(p.getKey()) && !PresignedUrl.VERSION.equals(p.getKey())) {
                StringBuilder name = new StringBuilder();
                Presigner.percentEncode(name, p.getKey());
                StringBuilder value = new StringBuilder();
                Presigner.percentEncode(value, p.getValue());
                sorted.put(name.toString(), value.toString());
            }
        }
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> p : sorted.entrySet()) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(p.getKey()).append('=').append(p.getValue());
        }
        String canonicalRequest = "POST\n/\n" + query + "\nhost:" + Presigner.HOST + "\n\nhost\n" + EMPTY_SHA256;
        String amzDate = url.parameters().get(PresignedUrl.DATE);
        return Presigner.ALGORITHM + "\n" + amzDate + "\n" + amzDate.substring(0, 8) + "/" + url.region() + "/"
                + url.service() + "/aws4_request\n" + sha256Hex(canonicalRequest);
    }

    private static String sha256Hex(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(64);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
