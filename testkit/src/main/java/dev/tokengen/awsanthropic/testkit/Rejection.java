package dev.tokengen.awsanthropic.testkit;

/**
 * Why {@link MockGateway} refused a request with a 401. The {@linkplain #code() code} appears in the JSON error body
 * as {@code error.reason}.
 *
 * <pre>{@code
 * RecordedRequest request = gateway.takeRequest(Duration.ofSeconds(5));
 * assertEquals(Optional.of(Rejection.EXPIRED), request.rejection());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum Rejection {
    /** Neither {@code Authorization: Bearer ...} nor {@code x-api-key} carried a token. */
    MISSING_TOKEN("missing_token", "No token: send it as Authorization: Bearer <token> or as x-api-key."),
    /** The token does not decode to a presigned URL of the expected shape. */
    MALFORMED("malformed", "The token is malformed."),
    /** The credential scope names another service than {@code aws-external-anthropic}. */
    WRONG_SERVICE("wrong_service", "The token is signed for another service than aws-external-anthropic."),
    /** {@code Action} is not {@code CallWithBearerToken}. */
    WRONG_ACTION("wrong_action", "The token's Action is not CallWithBearerToken."),
    /** {@code Version} is not {@code 1}. */
    WRONG_VERSION("wrong_version", "The token's Version is not 1."),
    /** The credential scope's region is not the gateway's region. */
    WRONG_REGION("wrong_region", "The token is scoped to another region than this endpoint's."),
    /** No credentials with the token's access key id are registered. */
    UNKNOWN_ACCESS_KEY("unknown_access_key", "The token's access key id is not known."),
    /** The signature does not match the one computed with the registered secret. */
    BAD_SIGNATURE("bad_signature", "The token's signature does not match."),
    /** The session token in the token is not the one registered with the access key id (or there should be none). */
    INVALID_SESSION_TOKEN("invalid_session_token", "The token's session token is not valid for its access key id."),
    /** {@code X-Amz-Date} is in the future. */
    NOT_YET_VALID("not_yet_valid", "The token is not valid yet: its X-Amz-Date is in the future."),
    /** {@code X-Amz-Date} plus {@code X-Amz-Expires} has passed. */
    EXPIRED("expired", "The token has expired (X-Amz-Date + X-Amz-Expires has passed)."),
    /** The registered credentials that signed the token have expired. */
    CREDENTIALS_EXPIRED("credentials_expired", "The AWS credentials that signed the token have expired."),
    /** The gateway requires {@code anthropic-workspace-id} and the request has none. */
    MISSING_WORKSPACE_ID("missing_workspace_id", "The anthropic-workspace-id header is required.");

    private final String code;
    private final String message;

    Rejection(String code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The snake-case code in the error body, such as {@code bad_signature}. */
    public String code() {
        return code;
    }

    /** The human-readable message in the error body; it never contains the token. */
    public String message() {
        return message;
    }
}
