package dev.tokengen.awsanthropic;

import dev.tokengen.awsanthropic.internal.PresignedUrl;
import dev.tokengen.awsanthropic.internal.Presigner;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token for Claude Platform on AWS with what it says about itself: its region, when it was signed and when
 * it stops being valid.
 *
 * <pre>{@code
 * Token token = generator.generateToken();
 * client.apiKey(token.value());                  // the secret string, for the Authorization header
 * System.out.println(token);                     // Token{region=us-east-1, issuedAt=..., expiresAt=..., value=<redacted>}
 *
 * Token seen = Token.parse(headerValue);         // decode one, e.g. to check its region and expiry
 * }</pre>
 *
 * <p>{@link #toString()} never shows the value. Instances are immutable and thread-safe.
 */
public final class Token {
    private final String value;
    private final String region;
    private final String accessKeyId;
    private final boolean sessionToken;
    private final Instant issuedAt;
    private final Instant expiresAt;

    Token(String value, String region, String accessKeyId, boolean sessionToken, Instant issuedAt,
            Instant expiresAt) {
        this.value = value;
        this.region = region;
        this.accessKeyId = accessKeyId;
        this.sessionToken = sessionToken;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    /**
     * Decodes a token and returns what its presigned URL says. The signature is not checked (that needs the secret
     * key); the result's {@link #expiresAt()} is the signing time plus {@code X-Amz-Expires}, as the URL gives no
     * credential expiry. Surrounding whitespace is ignored.
     *
     * @param token a token, {@code aws-external-anthropic-api-key-} followed by Base64
     * @return the decoded token, whose {@link #value()} is {@code token} without surrounding whitespace
     * @throws NullPointerException if {@code token} is null
     * @throws TokenException if {@code token} is not a well-formed token for this service: wrong prefix, bad Base64,
     *     not a presigned URL, a missing, duplicated or unexpected parameter, another service or action, or a date,
     *     expiry or signature that does not parse. The message never contains the token.
     */
    public static Token parse(String token) {
        PresignedUrl url = PresignedUrl.decode(token);
        if (!Presigner.SERVICE.equals(url.service())) {
            throw new TokenException("Malformed token: it is signed for another service, not " + Presigner.SERVICE
                    + ".");
        }
        if (!Presigner.ACTION.equals(url.action())) {
            throw new TokenException("Malformed token: its Action is not " + Presigner.ACTION + ".");
        }
        if (!Presigner.VERSION.equals(url.version())) {
            throw new TokenException("Malformed token: its Version is not " + Presigner.VERSION + ".");
        }
        if (url.expiresSeconds() < 1 || url.expiresSeconds() > TokenGenerator.MAX_EXPIRY.getSeconds()) {
            throw new TokenException("Malformed token: X-Amz-Expires is not between 1 and "
                    + TokenGenerator.MAX_EXPIRY.getSeconds() + " seconds.");
        }
        return new Token(token.trim(), url.region(), url.accessKeyId(), url.sessionToken() != null, url.signedAt(),
                url.signedAt().plusSeconds(url.expiresSeconds()));
    }

    /** The token itself: the string to send as the API key. Secret: do not log it. */
    public String value() {
        return value;
    }

    /** The AWS region the token is scoped to. */
    public String region() {
        return region;
    }

    /** The access key id of the credentials that signed the token (not a secret). */
    public String accessKeyId() {
        return accessKeyId;
    }

    /** Whether the token was signed with temporary credentials, whose session token it carries. */
    public boolean hasSessionToken() {
        return sessionToken;
    }

    /** The signing time ({@code X-Amz-Date}), to the second. */
    public Instant issuedAt() {
        return issuedAt;
    }

    /**
     * When the token stops being valid: the earlier of {@link #issuedAt()} plus the requested expiry and the
     * expiration of the credentials that signed it, when they have one.
     */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * Whether the token is expired at {@code now}: true from {@link #expiresAt()} on.
     *
     * @throws NullPointerException if {@code now} is null
     */
    public boolean isExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return !now.isBefore(expiresAt);
    }

    /**
     * The time from {@code now} until {@link #expiresAt()}; negative once expired.
     *
     * @throws NullPointerException if {@code now} is null
     */
    public Duration timeLeft(Instant now) {
        Objects.requireNonNull(now, "now");
        return Duration.between(now, expiresAt);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Token)) {
            return false;
        }
        Token other = (Token) o;
        return value.equals(other.value) && expiresAt.equals(other.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, expiresAt);
    }

    /** Shows the region and times; the value is {@code <redacted>}. */
    @Override
    public String toString() {
        return "Token{region=" + region + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt
                + ", value=<redacted>}";
    }
}
