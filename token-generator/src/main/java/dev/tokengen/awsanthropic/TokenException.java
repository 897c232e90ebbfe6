package dev.tokengen.awsanthropic;

/**
 * The one exception type of this library: a token could not be made (no credentials, no region, credentials that
 * have expired, a credential source that failed) or a string is not a well-formed token.
 *
 * <p>Mistakes in arguments use the JDK's types instead: {@link NullPointerException} for a missing argument and
 * {@link IllegalArgumentException} for a value out of range.
 *
 * <p>Messages say what went wrong and how to fix it; they never contain a secret access key, a session token, a
 * signature or a token. The cause, when there is one, is the AWS SDK's exception.
 */
public class TokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message that says what to do next. */
    public TokenException(String message) {
        super(message);
    }

    /** Creates an exception with a message that says what to do next and the failure behind it. */
    public TokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
