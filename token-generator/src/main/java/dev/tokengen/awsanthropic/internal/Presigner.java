package dev.tokengen.awsanthropic.internal;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SigV4 query presigner for the one request a token stands for:
 * {@code POST https://aws-external-anthropic.amazonaws.com/?Action=CallWithBearerToken}, signed header {@code host},
 * empty payload. It writes the canonical request, the string to sign and the URL straight into a per-thread buffer,
 * so a token costs one SHA-256, one HMAC and a Base64 encoding once the day's signing key is cached.
 *
 * <p>The URL renders its query in the order the Python package (botocore) does; the canonical request uses the
 * standard sorted order. Callers validate their inputs first: this class trusts them.
 *
 * <p>Thread-safe. Internal API.
 */
public final class Presigner {
    public static final String SERVICE = "aws-external-anthropic";
    public static final String HOST = "aws-external-anthropic.amazonaws.com";
    public static final String TOKEN_PREFIX = "aws-external-anthropic-api-key-";
    public static final String ACTION = "CallWithBearerToken";
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String VERSION = "1";

    private static final byte[] CANONICAL_HEAD = ascii("POST\n/\nAction=" + ACTION + "&X-Amz-Algorithm=" + ALGORITHM
            + "&X-Amz-Credential=");
    private static final byte[] CANONICAL_TAIL = ascii("&X-Amz-SignedHeaders=host\nhost:" + HOST + "\n\nhost\n"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"); // SHA-256 of the empty payload
    private static final byte[] URL_HEAD = ascii(HOST + "/?Action=" + ACTION + "&X-Amz-Algorithm=" + ALGORITHM
            + "&X-Amz-Credential=");
    private static final byte[] SCOPE_TAIL = ascii("/" + SERVICE + "/aws4_request");
    private static final byte[] ENCODED_SCOPE_TAIL = ascii("%2F" + SERVICE + "%2Faws4_request");
    private static final byte[] PREFIX_BYTES = ascii(TOKEN_PREFIX);
    private static final byte[] SIGNED_HEADERS = ascii("&X-Amz-SignedHeaders=host");
    private static final byte[] SIGNATURE_KEY = ascii("&X-Amz-Signature=");
    private static final byte[] VERSION_PARAM = ascii("&Version=" + VERSION);
    private static final byte[] HEX = ascii("0123456789abcdef");
    private static final byte[] HEX_UPPER = ascii("0123456789ABCDEF");
    /** RFC 3986 unreserved characters, kept as they are; every other octet is written {@code %XX}. */
    private static final boolean[] UNRESERVED = unreserved();

    /** Derived signing keys by (secret, day, region); direct-mapped, so bounded (16 keys) and lock-free. */
    private static final int KEY_SLOTS = 16;
    private static final AtomicReferenceArray<SigningKey> KEYS = new AtomicReferenceArray<>(KEY_SLOTS);

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private Presigner() {
    }

    /**
     * Returns the token for these inputs: {@value #TOKEN_PREFIX} followed by the Base64 of the presigned URL.
     *
     * @param sessionToken the session token, or {@code null} for long-term credentials
     * @param epochSecond the signing time
     * @param expiresSeconds the value of {@code X-Amz-Expires}
     */
    public static String token(String accessKeyId, String secretAccessKey, String sessionToken, String region,
            long epochSecond, long expiresSeconds) {
        Scratch s = SCRATCH.get();
        Buffer b = s.buffer;
        byte[] amzDate = s.amzDate(epochSecond);

        // Canonical request: the query in sorted order, Security-Token before SignedHeaders.
        b.reset();
        b.write(CANONICAL_HEAD);
        int credentialStart = b.length;
        percentEncode(b, accessKeyId);
        b.writeAscii("%2F");
        b.write(amzDate, 0, 8);
        b.writeAscii("%2F");
        b.writeAscii(region); // validated: letters, digits and hyphens need no encoding
        b.write(ENCODED_SCOPE_TAIL);
        b.writeAscii("&X-Amz-Date=");
        b.write(amzDate, 0, 16);
        b.writeAscii("&X-Amz-Expires=");
        b.writeAscii(Long.toString(expiresSeconds));
        int expiresEnd = b.length;
        if (sessionToken != null) {
            b.writeAscii("&X-Amz-Security-Token=");
            s.writeEncodedSessionToken(sessionToken);
        }
        int tokenEnd = b.length;
        b.write(CANONICAL_TAIL);
        int canonicalEnd = b.length;
        byte[] canonicalHash = s.sha256(b.bytes, 0, canonicalEnd);

        // String to sign, after the canonical request in the same buffer.
        b.writeAscii("AWS4-HMAC-SHA256\n");
        b.write(amzDate, 0, 16);
        b.write((byte) '\n');
        b.write(amzDate, 0, 8);
        b.write((byte) '/');
        b.writeAscii(region);
        b.write(SCOPE_TAIL);
        b.write((byte) '\n');
        b.writeHex(canonicalHash, 32);
        Mac mac = s.mac(signingKey(secretAccessKey, Math.floorDiv(epochSecond, 86400L), amzDate, region));
        byte[] signature = s.hmac(mac, b.bytes, canonicalEnd, b.length - canonicalEnd);

        // URL in the Python package's order (SignedHeaders, Security-Token, Signature, Version), written straight
        // into an array of its exact size, which Base64 needs; the token is then the only other allocation.
        byte[] url = new byte[URL_HEAD.length + (expiresEnd - credentialStart) + SIGNED_HEADERS.length
                + (tokenEnd - expiresEnd) + SIGNATURE_KEY.length + 64 + VERSION_PARAM.length];
        int at = put(url, 0, URL_HEAD, 0, URL_HEAD.length);
        at = put(url, at, b.bytes, credentialStart, expiresEnd - credentialStart); // credential, date, expires
        at = put(url, at, SIGNED_HEADERS, 0, SIGNED_HEADERS.length);
        at = put(url, at, b.bytes, expiresEnd, tokenEnd - expiresEnd); // security token, when there is one
        at = put(url, at, SIGNATURE_KEY, 0, SIGNATURE_KEY.length);
        for (int i = 0; i < 32; i++) {
            url[at++] = HEX[(signature[i] >>> 4) & 0xf];
            url[at++] = HEX[signature[i] & 0xf];
        }
        put(url, at, VERSION_PARAM, 0, VERSION_PARAM.length);
        return s.token(url);
    }

    private static int put(byte[] dst, int at, byte[] src, int from, int count) {
        System.arraycopy(src, from, dst, at, count);
        return at + count;
    }

    /**
     * Loads the SHA-256 and HmacSHA256 implementations (the JCA looks through its providers for them, which costs a
     * few tens of milliseconds in a fresh JVM), so that a first token does not wait for it. For start-up paths that
     * can run this on another thread meanwhile, such as the command line.
     */
    public static void warmUp() {
        new Scratch();
    }

    /**
     * Returns the hex SigV4 signature of a string to sign under the signing key for (secret, date, region); for
     * verifiers that rebuilt the string to sign themselves.
     */
    public static String sign(String secretAccessKey, Instant signedAt, String region, String stringToSign) {
        Scratch s = SCRATCH.get();
        long epochSecond = signedAt.getEpochSecond();
        Mac mac = s.mac(signingKey(secretAccessKey, Math.floorDiv(epochSecond, 86400L), s.amzDate(epochSecond),
                region));
        byte[] data = stringToSign.getBytes(StandardCharsets.UTF_8);
        byte[] signature = s.hmac(mac, data, 0, data.length);
        Buffer hex = new Buffer(64);
        hex.writeHex(signature, 32);
        return new String(hex.bytes, 0, 64, StandardCharsets.ISO_8859_1);
    }

    /** Appends {@code value} percent-encoded per RFC 3986: unreserved characters kept, the rest {@code %XX}. */
    public static void percentEncode(StringBuilder out, String value) {
        Buffer b = new Buffer(value.length() * 3);
        percentEncode(b, value);
        out.append(new String(b.bytes, 0, b.length, StandardCharsets.ISO_8859_1));
    }

    /**
     * Whether {@code region} has the AWS form: two or more lower-case letters, then hyphen-separated groups of
     * lower-case letters and digits ({@code us-east-1}, {@code us-gov-west-1}, {@code eu-isoe-west-1}), at most 63
     * characters. Nothing else is ever signed into a credential scope.
     */
    public static boolean isValidRegion(String region) {
        int n = region.length();
        if (n > 63) {
            return false;
        }
        int letters = 0;
        while (letters < n && region.charAt(letters) >= 'a' && region.charAt(letters) <= 'z') {
            letters++;
        }
        if (letters < 2 || letters == n || region.charAt(letters) != '-') {
            return false;
        }
        char previous = 'a';
        for (int i = letters; i < n; i++) {
            char c = region.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alphanumeric && !(c == '-' && previous != '-')) {
                return false;
            }
            previous = c;
        }
        return previous != '-';
    }

    private static void percentEncode(Buffer b, String value) {
        int n = value.length();
        b.ensure(3 * n);
        byte[] out = b.bytes;
        int at = b.length;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                b.length = at;
                percentEncodeUtf8(b, value.substring(i));
                return;
            }
            if (UNRESERVED[c]) {
                out[at++] = (byte) c;
            } else {
                out[at++] = '%';
                out[at++] = HEX_UPPER[c >>> 4];
                out[at++] = HEX_UPPER[c & 0xf];
            }
        }
        b.length = at;
    }

    private static void percentEncodeUtf8(Buffer b, String value) {
        for (byte octet : value.getBytes(StandardCharsets.UTF_8)) {
            if (octet >= 0 && UNRESERVED[octet]) {
                b.write(octet);
            } else {
                b.writeEscaped(octet & 0xff);
            }
        }
    }

    private static boolean[] unreserved() {
        boolean[] table = new boolean[128];
        for (char c = 0; c < 128; c++) {
            table[c] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~';
        }
        return table;
    }

    private static byte[] signingKey(String secret, long day, byte[] amzDate, String region) {
        int slot = mix(secret.hashCode() * 31 + region.hashCode(), day) & (KEY_SLOTS - 1);
        SigningKey cached = KEYS.get(slot);
        if (cached != null && cached.day == day && cached.region.equals(region) && cached.isFor(secret)) {
            return cached.key;
        }
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), Arrays.copyOf(amzDate, 8));
        key = hmac(key, region.getBytes(StandardCharsets.UTF_8));
        key = hmac(key, SERVICE.getBytes(StandardCharsets.UTF_8));
        key = hmac(key, "aws4_request".getBytes(StandardCharsets.UTF_8));
        KEYS.set(slot, new SigningKey(secret, day, region, key));
        return key;
    }

    private static int mix(int hash, long day) {
        int h = hash ^ (int) day;
        return h ^ (h >>> 16) ^ (h >>> 8);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A derived key and what it was derived for. The secret is held weakly: the cache never keeps a secret alive
     * after its credentials are gone (the derived key alone is valid for one day, one region and this service).
     */
    private static final class SigningKey {
        final WeakReference<String> secret;
        final long day;
        final String region;
        final byte[] key;

        SigningKey(String secret, long day, String region, byte[] key) {
            this.secret = new WeakReference<>(secret);
            this.day = day;
            this.region = region;
            this.key = key;
        }

        boolean isFor(String secret) {
            String held = this.secret.get();
            return held == secret || secret.equals(held);
        }

        @Override
        public String toString() {
            return "SigningKey{<redacted>}";
        }
    }

    /** Per-thread digest, MAC (initialised with the last key used) and buffers. */
    private static final class Scratch {
        final Buffer buffer = new Buffer(2048);
        byte[] encoded = new byte[2048];
        byte[] token = Arrays.copyOf(PREFIX_BYTES, PREFIX_BYTES.length + 2048);
        final byte[] digest = new byte[32];
        final byte[] macOut = new byte[32];
        final MessageDigest sha256;
        final Mac hmac;
        byte[] macKey;
        long amzDateSecond = Long.MIN_VALUE;
        final byte[] amzDate = new byte[16];
        WeakReference<String> encodedSessionTokenOf = new WeakReference<>(null);
        byte[] encodedSessionToken;
        int encodedSessionTokenLength;

        Scratch() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
                hmac = Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 or HmacSHA256 is not available", e);
            }
        }

        Mac mac(byte[] key) {
            if (key != macKey) {
                try {
                    hmac.init(new SecretKeySpec(key, "HmacSHA256"));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("HmacSHA256 rejected a 32-byte key", e);
                }
                macKey = key;
            }
            return hmac;
        }

        /** {@code yyyyMMdd'T'HHmmss'Z'} for the second, formatted again only when the second changes. */
        byte[] amzDate(long epochSecond) {
            if (epochSecond != amzDateSecond) {
                LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
                digits(amzDate, 0, t.getYear(), 4);
                digits(amzDate, 4, t.getMonthValue(), 2);
                digits(amzDate, 6, t.getDayOfMonth(), 2);
                amzDate[8] = 'T';
                digits(amzDate, 9, t.getHour(), 2);
                digits(amzDate, 11, t.getMinute(), 2);
                digits(amzDate, 13, t.getSecond(), 2);
                amzDate[15] = 'Z';
                amzDateSecond = epochSecond;
            }
            return amzDate;
        }

        private static void digits(byte[] dst, int at, int value, int width) {
            for (int i = at + width - 1; i >= at; i--, value /= 10) {
                dst[i] = (byte) ('0' + value % 10);
            }
        }

        /**
         * Appends the session token percent-encoded. Credentials are usually signed with many times over, so the
         * encoding of the last session token seen (by identity, held weakly) is kept.
         */
        void writeEncodedSessionToken(String sessionToken) {
            if (sessionToken != encodedSessionTokenOf.get()) {
                int start = buffer.length;
                percentEncode(buffer, sessionToken);
                encodedSessionTokenLength = buffer.length - start;
                if (encodedSessionToken == null || encodedSessionToken.length < encodedSessionTokenLength) {
                    encodedSessionToken = new byte[encodedSessionTokenLength];
                }
                System.arraycopy(buffer.bytes, start, encodedSessionToken, 0, encodedSessionTokenLength);
                encodedSessionTokenOf = new WeakReference<>(sessionToken);
                return;
            }
            buffer.write(encodedSessionToken, 0, encodedSessionTokenLength);
        }

        /** The token for a URL: the prefix and the URL's Base64, built in scratch space and copied once. */
        String token(byte[] url) {
            int length = 4 * ((url.length + 2) / 3);
            if (encoded.length < length) {
                encoded = new byte[length];
                token = Arrays.copyOf(PREFIX_BYTES, PREFIX_BYTES.length + length);
            }
            Base64.getEncoder().encode(url, encoded);
            System.arraycopy(encoded, 0, token, PREFIX_BYTES.length, length);
            return new String(token, 0, PREFIX_BYTES.length + length, StandardCharsets.ISO_8859_1);
        }

        byte[] sha256(byte[] data, int from, int count) {
            try {
                sha256.update(data, from, count);
                sha256.digest(digest, 0, digest.length);
                return digest;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        byte[] hmac(Mac mac, byte[] data, int from, int count) {
            try {
                mac.update(data, from, count);
                mac.doFinal(macOut, 0);
                return macOut;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A growable byte buffer that writes ASCII without going through a charset. */
    private static final class Buffer {
        byte[] bytes;
        int length;

        Buffer(int capacity) {
            bytes = new byte[capacity];
        }

        void reset() {
            length = 0;
        }

        void ensure(int extra) {
            if (length + extra > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
            }
        }

        void write(byte b) {
            ensure(1);
            bytes[length++] = b;
        }

        void write(byte[] src) {
            write(src, 0, src.length);
        }

        /** Appends a range of {@code src}, which may be this buffer's own array (a grown copy keeps the range). */
        void write(byte[] src, int from, int count) {
            ensure(count);
            System.arraycopy(src, from, bytes, length, count);
            length += count;
        }

        void writeAscii(String s) {
            int n = s.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                bytes[length++] = (byte) s.charAt(i);
            }
        }

        void writeEscaped(int octet) {
            ensure(3);
            bytes[length++] = '%';
            bytes[length++] = HEX_UPPER[octet >>> 4];
            bytes[length++] = HEX_UPPER[octet & 0xf];
        }

        void writeHex(byte[] src, int count) {
            ensure(count * 2);
            for (int i = 0; i < count; i++) {
                bytes[length++] = HEX[(src[i] >>> 4) & 0xf];
                bytes[length++] = HEX[src[i] & 0xf];
            }
        }
    }
}
