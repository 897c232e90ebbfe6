package dev.tokengen.awsanthropic.internal;

import dev.tokengen.awsanthropic.TokenException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token taken apart: the presigned URL inside it, with its query decoded. Decoding checks the structure (prefix,
 * Base64, UTF-8, host, every parameter present once, the credential scope, date, expiry and signature shape); it
 * leaves what a verifier reports separately (service, action, version, times) to the caller.
 *
 * <p>Immutable. Internal API. {@link #toString()} shows no secret.
 */
public final class PresignedUrl {
    public static final String ACTION = "Action";
    public static final String ALGORITHM = "X-Amz-Algorithm";
    public static final String CREDENTIAL = "X-Amz-Credential";
    public static final String DATE = "X-Amz-Date";
    public static final String EXPIRES = "X-Amz-Expires";
    public static final String SIGNED_HEADERS = "X-Amz-SignedHeaders";
    public static final String SECURITY_TOKEN = "X-Amz-Security-Token";
    public static final String SIGNATURE = "X-Amz-Signature";
    public static final String VERSION = "Version";

    private static final String[] REQUIRED = {ACTION, ALGORITHM, CREDENTIAL, DATE, EXPIRES, SIGNED_HEADERS, SIGNATURE,
        VERSION};
    private static final String URL_HEAD = Presigner.HOST + "/?";

    private final Map<String, String> parameters;
    private final String accessKeyId;
    private final String region;
    private final String service;
    private final Instant signedAt;
    private final long expiresSeconds;

    private PresignedUrl(Map<String, String> parameters, String accessKeyId, String region, String service,
            Instant signedAt, long expiresSeconds) {
        this.parameters = Collections.unmodifiableMap(parameters);
        this.accessKeyId = accessKeyId;
        this.region = region;
        this.service = service;
        this.signedAt = signedAt;
        this.expiresSeconds = expiresSeconds;
    }

    /**
     * Decodes a token.
     *
     * @throws NullPointerException if {@code token} is null
     * @throws TokenException if it is not a well-formed token; the message names what is wrong, never the token
     */
    public static PresignedUrl decode(String token) {
        if (token == null) {
            throw new NullPointerException("token");
        }
        String trimmed = token.trim();
        if (!trimmed.startsWith(Presigner.TOKEN_PREFIX)) {
            throw malformed("it does not start with " + Presigner.TOKEN_PREFIX);
        }
        // A character outside Latin-1 becomes '?', which no Base64 alphabet has: it fails below as it should.
        byte[] base64 = trimmed.getBytes(StandardCharsets.ISO_8859_1);
        int prefix = Presigner.TOKEN_PREFIX.length();
        ByteBuffer payload;
        try {
            payload = Base64.getDecoder().decode(ByteBuffer.wrap(base64, prefix, base64.length - prefix));
        } catch (IllegalArgumentException e) {
            throw malformed("its payload is not valid Base64");
        }
        // A presigned URL is printable ASCII: everything else in it is percent-encoded.
        byte[] bytes = payload.array();
        int offset = payload.arrayOffset() + payload.position();
        for (int i = offset; i < offset + payload.remaining(); i++) {
            byte b = bytes[i];
            if (b < 0) {
                throw malformed("its payload has characters that are not percent-encoded (a presigned URL is ASCII)");
            }
            if (b < 0x20 || b == 0x7f) {
                throw malformed("its payload is not a URL: it has control characters");
            }
        }
        String url = new String(bytes, offset, payload.remaining(), StandardCharsets.ISO_8859_1);
        if (!url.startsWith(URL_HEAD)) {
            throw malformed("its payload is not a URL for " + Presigner.HOST);
        }
        Map<String, String> parameters = parseQuery(url, URL_HEAD.length());
        for (String name : REQUIRED) {
            if (!parameters.containsKey(name)) {
                throw malformed("the parameter " + name + " is missing");
            }
        }
        require(parameters, ALGORITHM, Presigner.ALGORITHM);
        require(parameters, SIGNED_HEADERS, "host");

        String[] scope = parameters.get(CREDENTIAL).split("/", -1);
        if (scope.length != 5 || scope[0].isEmpty() || !"aws4_request".equals(scope[4])) {
            throw malformed("X-Amz-Credential is not <access key id>/<date>/<region>/<service>/aws4_request");
        }
        if (!Presigner.isValidRegion(scope[2])) {
            throw malformed("the region in X-Amz-Credential is not an AWS region");
        }
        String amzDate = parameters.get(DATE);
        Instant signedAt = parseAmzDate(amzDate);
        if (!amzDate.startsWith(scope[1]) || scope[1].length() != 8) {
            throw malformed("the date in X-Amz-Credential does not match X-Amz-Date");
        }
        long expires = parseSeconds(parameters.get(EXPIRES));
        if (!isLowerHex(parameters.get(SIGNATURE), 64)) {
            throw malformed("X-Amz-Signature is not 64 lower-case hex digits");
        }
        return new PresignedUrl(parameters, scope[0], scope[2], scope[3], signedAt, expires);
    }

    /** The decoded query parameters in the order the URL gives them. */
    public Map<String, String> parameters() {
        return parameters;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    /** The region of the credential scope. */
    public String region() {
        return region;
    }

    /** The service of the credential scope. */
    public String service() {
        return service;
    }

    /** {@code X-Amz-Date}. */
    public Instant signedAt() {
        return signedAt;
    }

    /** {@code X-Amz-Expires}. */
    public long expiresSeconds() {
        return expiresSeconds;
    }

    public String action() {
        return parameters.get(ACTION);
    }

    public String version() {
        return parameters.get(VERSION);
    }

    /** The session token, or {@code null} when the URL carries none. */
    public String sessionToken() {
        return parameters.get(SECURITY_TOKEN);
    }

    public String signature() {
        return parameters.get(SIGNATURE);
    }

    @Override
    public String toString() {
        return "PresignedUrl{accessKeyId=" + accessKeyId + ", region=" + region + ", service=" + service
                + ", signedAt=" + signedAt + ", expiresSeconds=" + expiresSeconds + ", signature=<redacted>}";
    }

    /** Parses the query that starts at {@code start} of {@code url}, reading ranges of it rather than copies. */
    private static Map<String, String> parseQuery(String url, int start) {
        Map<String, String> parameters = new LinkedHashMap<>();
        while (start <= url.length()) {
            int end = url.indexOf('&', start);
            if (end < 0) {
                end = url.length();
            }
            int eq = url.indexOf('=', start);
            if (eq <= start || eq >= end) {
                throw malformed("its query has a parameter without a name or value");
            }
            String name = percentDecode(url, start, eq);
            if (!isKnown(name)) {
                throw malformed("its query has an unexpected parameter");
            }
            if (parameters.put(name, percentDecode(url, eq + 1, end)) != null) {
                throw malformed("the parameter " + name + " appears more than once");
            }
            start = end + 1;
        }
        return parameters;
    }

    private static boolean isKnown(String name) {
        if (SECURITY_TOKEN.equals(name)) {
            return true;
        }
        for (String known : REQUIRED) {
            if (known.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Decodes {@code s} from {@code from} to {@code to}: {@code %XX} escapes of UTF-8, the rest as it is. */
    private static String percentDecode(String s, int from, int to) {
        int escape = s.indexOf('%', from);
        if (escape < 0 || escape >= to) {
            return s.substring(from, to);
        }
        byte[] out = new byte[to - from];
        int length = 0;
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < to ? hexValue(s.charAt(i + 1)) : -1;
                int lo = hi >= 0 ? hexValue(s.charAt(i + 2)) : -1;
                if (lo < 0) {
                    throw malformed("its query has a bad percent-escape");
                }
                out[length] = (byte) (hi << 4 | lo);
                ascii &= out[length] >= 0;
                length++;
                i += 2;
            } else {
                out[length++] = (byte) c;
            }
        }
        return ascii ? new String(out, 0, length, StandardCharsets.ISO_8859_1)
                : utf8(out, length, "its query decodes to bytes that are not UTF-8");
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static String utf8(byte[] bytes, int length, String problem) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw malformed(problem);
        }
    }

    private static void require(Map<String, String> parameters, String name, String expected) {
        if (!expected.equals(parameters.get(name))) {
            throw malformed(name + " is not " + expected);
        }
    }

    private static Instant parseAmzDate(String s) {
        // yyyyMMdd'T'HHmmss'Z'
        if (s.length() != 16 || s.charAt(8) != 'T' || s.charAt(15) != 'Z'
                || !isDigits(s, 0, 8) || !isDigits(s, 9, 15)) {
            throw malformed("X-Amz-Date is not of the form yyyyMMddTHHmmssZ");
        }
        try {
            return LocalDateTime.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)),
                    Integer.parseInt(s.substring(6, 8)), Integer.parseInt(s.substring(9, 11)),
                    Integer.parseInt(s.substring(11, 13)), Integer.parseInt(s.substring(13, 15)))
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw malformed("X-Amz-Date is not a valid date and time");
        }
    }

    private static long parseSeconds(String s) {
        if (s.isEmpty() || s.length() > 9 || !isDigits(s, 0, s.length())) {
            throw malformed("X-Amz-Expires is not a whole number of seconds");
        }
        return Long.parseLong(s);
    }

    private static boolean isDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerHex(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static TokenException malformed(String problem) {
        return new TokenException("Malformed token: " + problem + ".");
    }
}
