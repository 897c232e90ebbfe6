package dev.tokengen.awsanthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokengen.awsanthropic.internal.PresignedUrl;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** {@link Token#parse(String)}: what it reads back, and a clear {@link TokenException} for each kind of damage. */
class TokenParseTest {
    static final String PREFIX = "aws-external-anthropic-api-key-";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE/session+token=";
    static final Instant SIGNED = Instant.parse("2026-11-27T10:15:30Z");
    static final Token GOOD = TokenGenerator.builder()
            .credentialsProvider(StaticCredentialsProvider.create(
                    AwsSessionCredentials.create("ASIAEXAMPLE123", SECRET, SESSION_TOKEN)))
            .region("eu-west-3")
            .clock(Clock.fixed(SIGNED, ZoneOffset.UTC))
            .build()
            .generateToken(Duration.ofMinutes(30));
    static final String URL = urlOf(GOOD);
    static final String SIGNATURE = PresignedUrl.decode(GOOD.value()).signature();

    static String urlOf(Token token) {
        return new String(Base64.getDecoder().decode(token.value().substring(PREFIX.length())), StandardCharsets.UTF_8);
    }

    static String tokenOf(String url) {
        return tokenOf(url.getBytes(StandardCharsets.UTF_8));
    }

    static String tokenOf(byte[] url) {
        return PREFIX + Base64.getEncoder().encodeToString(url);
    }

    /** Parses a malformed token and returns the message, after checking it shows none of the token's secrets. */
    static String rejection(String token) {
        TokenException e = assertThrows(TokenException.class, () -> Token.parse(token));
        String message = e.getMessage();
        assertTrue(message.startsWith("Malformed token: "), message);
        for (String secret : List.of(token.trim(), token.trim().substring(Math.min(token.trim().length(), 31)),
                GOOD.value(), SIGNATURE, SESSION_TOKEN, URL, SECRET)) {
            if (secret.length() >= 16) { // shorter pieces of a broken input can occur in any message by chance
                assertFalse(message.contains(secret), message);
            }
        }
        assertFalse(message.contains("session+token"), message);
        return message;
    }

    static void assertRejected(String token, String... words) {
        String message = rejection(token);
        for (String word : words) {
            assertTrue(message.contains(word), () -> "'" + word + "' not in: " + message);
        }
    }

    @Test
    void parseReadsTheGeneratedToken() {
        Token parsed = Token.parse(GOOD.value());

        assertEquals(GOOD.value(), parsed.value());
        assertEquals("eu-west-3", parsed.region());
        assertEquals("ASIAEXAMPLE123", parsed.accessKeyId());
        assertTrue(parsed.hasSessionToken());
        assertEquals(SIGNED, parsed.issuedAt());
        assertEquals(SIGNED.plusSeconds(1_800), parsed.expiresAt());
        assertEquals(GOOD, parsed);
        assertFalse(parsed.isExpired(SIGNED.plusSeconds(1_799)));
        assertTrue(parsed.isExpired(SIGNED.plusSeconds(1_800)));
        assertEquals(Duration.ofSeconds(-60), parsed.timeLeft(SIGNED.plusSeconds(1_860)));
    }

    @Test
    void surroundingWhitespace_isIgnored() {
        Token parsed = Token.parse("  \t" + GOOD.value() + "\r\n");
        assertEquals(GOOD.value(), parsed.value());
        assertEquals(SIGNED, parsed.issuedAt());
    }

    @Test
    void parsedToStringShowsNoValue() {
        String text = Token.parse(GOOD.value()).toString();
        assertTrue(text.contains("<redacted>") && text.contains("eu-west-3"), text);
        assertFalse(text.contains(GOOD.value().substring(PREFIX.length(), 50)), text);
    }

    // ---- prefix and Base64 ----

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "aws-external-anthropic-api-key", "aws-external-anthropic-api-key_",
        "AWS-EXTERNAL-ANTHROPIC-API-KEY-", "Bearer aws-external-anthropic-api-key-", "sk-ant-api03-abc"})
    void wrongPrefix_isRejected(String prefix) {
        assertRejected(prefix + GOOD.value().substring(PREFIX.length()), "does not start with " + PREFIX);
    }

    @Test
    void tokenWithoutPrefix_isRejected() {
        assertRejected(GOOD.value().substring(PREFIX.length()), "does not start with");
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!!!", "abc$", "a", "ab=c", "abcd=", "YWJj ZGVm", "-_-_", "===="})
    void badBase64_isRejected(String payload) {
        assertRejected(PREFIX + payload, "Base64");
    }

    @Test
    void base64OfTheRealPayloadWithACharacterRemoved_isRejected() {
        String value = GOOD.value();
        assertRejected(value.substring(0, value.length() - 2) + value.substring(value.length() - 1), "Base64");
    }

    @Test
    void urlSafeBase64_isRejected() {
        String urlSafe = PREFIX + Base64.getUrlEncoder().encodeToString(URL.getBytes(StandardCharsets.UTF_8));
        if (!urlSafe.equals(GOOD.value())) {
            rejection(urlSafe);
        }
        // Force URL-safe characters into the payload.
        assertRejected(PREFIX + "-_" + GOOD.value().substring(PREFIX.length() + 2), "Base64");
    }

    // ---- payload is not our URL ----

    @ParameterizedTest
    @ValueSource(strings = {"", "hello world", "https://aws-external-anthropic.amazonaws.com/?Action=CallWithBearerToken",
        "aws-external-anthropic.amazonaws.com/Action=CallWithBearerToken", "example.com/?Action=CallWithBearerToken",
        "aws-external-anthropic.amazonaws.com?Action=CallWithBearerToken", "{\"token\":1}"})
    void payloadThatIsNotOurUrl_isRejected(String payload) {
        assertRejected(tokenOf(payload), "not a URL for aws-external-anthropic.amazonaws.com");
    }

    @Test
    void urlWithSchemeInFront_isRejected() {
        assertRejected(tokenOf("https://" + URL), "not a URL");
    }

    @Test
    void payloadThatIsNotAscii_isRejected() {
        byte[] bytes = URL.getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 3] = (byte) 0xC3; // a lead byte followed by ASCII
        assertRejected(tokenOf(bytes), "not percent-encoded");
        assertRejected(tokenOf(new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00}), "not percent-encoded");
        assertRejected(tokenOf(new byte[] {0x61, 0x00, 0x62}), "control characters");
    }

    // ---- parameters ----

    static final List<String> PARAMETERS = List.of("Action", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
            "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature", "Version");

    /** The URL with one parameter's whole {@code name=value} pair replaced (or removed, for null). */
    static String withParameter(String name, String replacement) {
        String head = "aws-external-anthropic.amazonaws.com/?";
        String[] pairs = URL.substring(head.length()).split("&");
        StringBuilder out = new StringBuilder(head);
        boolean found = false;
        for (String pair : pairs) {
            if (pair.startsWith(name + "=")) {
                found = true;
                if (replacement == null) {
                    continue;
                }
                pair = replacement;
            }
            out.append(out.length() == head.length() ? "" : "&").append(pair);
        }
        assertTrue(found, name);
        return out.toString();
    }

    static String valueOf(String name) {
        return PresignedUrl.decode(GOOD.value()).parameters().get(name);
    }

    @Test
    void everyMissingParameter_isRejectedByName() {
        for (String name : PARAMETERS) {
            assertRejected(tokenOf(withParameter(name, null)), "parameter " + name + " is missing");
        }
    }

    @Test
    void everyDuplicatedParameter_isRejectedByName() {
        for (String name : List.of("Action", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
                "X-Amz-SignedHeaders", "X-Amz-Security-Token", "X-Amz-Signature", "Version")) {
            String pair = URL.substring(URL.indexOf(name + "=")).split("&")[0];
            assertRejected(tokenOf(URL + "&" + pair), "parameter " + name + " appears more than once");
            assertRejected(tokenOf(withParameter(name, pair + "&" + pair)), name, "more than once");
        }
    }

    @Test
    void percentEncodedDuplicateName_isStillADuplicate() {
        assertRejected(tokenOf(URL + "&X%2DAmz-Expires=60"), "X-Amz-Expires", "more than once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Foo=bar", "x-amz-date=20261127T101530Z", "X-Amz-Content-Sha256=UNSIGNED-PAYLOAD",
        "action=CallWithBearerToken", "X-Amz-Security-Token2=abc"})
    void unexpectedParameter_isRejected(String pair) {
        assertRejected(tokenOf(URL + "&" + pair), "unexpected parameter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"&", "&&Version=1", "&=1", "&Version", "&Version=1&"})
    void emptyOrNamelessPairs_areRejected(String tail) {
        String url = URL.endsWith("&Version=1") ? URL.substring(0, URL.length() - "&Version=1".length()) : URL;
        assertRejected(tokenOf(url + tail), "without a name or value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "%4", "%G1", "%%41", "abc%"})
    void badPercentEscape_isRejected(String value) {
        assertRejected(tokenOf(withParameter("X-Amz-Security-Token", "X-Amz-Security-Token=" + value)),
                "percent-escape");
    }

    @Test
    void rawNonAsciiInTheQuery_isRejected() {
        assertRejected(tokenOf(withParameter("X-Amz-Security-Token", "X-Amz-Security-Token=caf\u00e9")),
                "not percent-encoded");
    }

    @Test
    void percentEscapesThatAreNotUtf8_areRejected() {
        assertRejected(tokenOf(withParameter("X-Amz-Security-Token", "X-Amz-Security-Token=%C3%28")), "UTF-8");
    }

    // ---- values ----

    @ParameterizedTest
    @ValueSource(strings = {"s3", "execute-api", "aws-external-anthropi", "AWS-EXTERNAL-ANTHROPIC"})
    void wrongService_isRejected(String service) {
        String credential = valueOf("X-Amz-Credential").replace("/aws-external-anthropic/", "/" + service + "/");
        assertRejected(tokenOf(withParameter("X-Amz-Credential", "X-Amz-Credential=" + credential.replace("/", "%2F"))),
                "another service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CallWithBearer", "callwithbearertoken", "AssumeRole", "CallWithBearerToken%20"})
    void wrongAction_isRejected(String action) {
        assertRejected(tokenOf(withParameter("Action", "Action=" + action)), "Action is not CallWithBearerToken");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "0", "01", "1.0", "%31%20"})
    void wrongVersion_isRejected(String version) {
        assertRejected(tokenOf(withParameter("Version", "Version=" + version)), "Version is not 1");
    }

    @Test
    void percentEncodedCorrectValues_areAccepted() {
        Token parsed = Token.parse(tokenOf(withParameter("Version", "Version=%31")));
        assertEquals(GOOD.expiresAt(), parsed.expiresAt());
    }

    @Test
    void wrongAlgorithmOrSignedHeaders_isRejected() {
        assertRejected(tokenOf(withParameter("X-Amz-Algorithm", "X-Amz-Algorithm=AWS4-HMAC-SHA1")),
                "X-Amz-Algorithm is not AWS4-HMAC-SHA256");
        assertRejected(tokenOf(withParameter("X-Amz-Algorithm", "X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256")),
                "X-Amz-Algorithm");
        assertRejected(tokenOf(withParameter("X-Amz-SignedHeaders", "X-Amz-SignedHeaders=host%3Bx-amz-date")),
                "X-Amz-SignedHeaders is not host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ASIAEXAMPLE123/20261127/eu-west-3/aws-external-anthropic",
        "ASIAEXAMPLE123/20261127/eu-west-3/aws-external-anthropic/aws4_request/x",
        "/20261127/eu-west-3/aws-external-anthropic/aws4_request",
        "ASIAEXAMPLE123/20261127/eu-west-3/aws-external-anthropic/aws5_request", "ASIAEXAMPLE123"})
    void credentialScopeOfTheWrongShape_isRejected(String credential) {
        assertRejected(tokenOf(withParameter("X-Amz-Credential", "X-Amz-Credential=" + credential.replace("/", "%2F"))),
                "X-Amz-Credential is not");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EU-WEST-3", "eu west 3", "eu-west-3&Version=2", "", "eu--west-3"})
    void credentialScopeWithABadRegion_isRejected(String region) {
        String credential = "ASIAEXAMPLE123/20261127/" + region + "/aws-external-anthropic/aws4_request";
        assertRejected(tokenOf(withParameter("X-Amz-Credential", "X-Amz-Credential="
                + credential.replace("/", "%2F").replace("&", "%26").replace(" ", "%20"))), "not an AWS region");
    }

    @ParameterizedTest
    @ValueSource(strings = {"20261127T101530", "2026-11-27T10:15:30Z", "20261127101530Z", "20261127T1015300Z",
        "2026112xT101530Z", "20261127T10153aZ", "", "1764238530"})
    void dateOfTheWrongForm_isRejected(String date) {
        assertRejected(tokenOf(withParameter("X-Amz-Date", "X-Amz-Date=" + date)), "X-Amz-Date is not of the form");
    }

    @ParameterizedTest
    @ValueSource(strings = {"20261327T101530Z", "20261132T101530Z", "20250229T101530Z", "20261127T241530Z",
        "20261127T106030Z", "20261127T101560Z", "20260000T000000Z"})
    void dateThatDoesNotExist_isRejected(String date) {
        assertRejected(tokenOf(withParameter("X-Amz-Date", "X-Amz-Date=" + date)), "X-Amz-Date is not a valid date");
    }

    @Test
    void credentialDateDifferentFromTheSigningDate_isRejected() {
        assertRejected(tokenOf(withParameter("X-Amz-Date", "X-Amz-Date=20261128T101530Z")),
                "date in X-Amz-Credential does not match X-Amz-Date");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-1", "+60", "1e3", "60.5", "1%20", "9999999999", "99999999999999999999"})
    void expiryThatIsNotAWholeNumber_isRejected(String expires) {
        assertRejected(tokenOf(withParameter("X-Amz-Expires", "X-Amz-Expires=" + expires)),
                "X-Amz-Expires is not a whole number of seconds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "43201", "604800", "000000000"})
    void expiryOutOfRange_isRejected(String expires) {
        assertRejected(tokenOf(withParameter("X-Amz-Expires", "X-Amz-Expires=" + expires)),
                "X-Amz-Expires is not between 1 and 43200 seconds");
    }

    @Test
    void expiryAtTheBounds_isAccepted() {
        assertEquals(SIGNED.plusSeconds(1), Token.parse(tokenOf(withParameter("X-Amz-Expires", "X-Amz-Expires=1")))
                .expiresAt());
        assertEquals(SIGNED.plusSeconds(43_200), Token.parse(tokenOf(withParameter("X-Amz-Expires",
                "X-Amz-Expires=043200"))).expiresAt());
    }

    @Test
    void signatureOfTheWrongShape_isRejected() {
        for (String signature : List.of(SIGNATURE.toUpperCase(), SIGNATURE.substring(1), SIGNATURE + "0",
                SIGNATURE.substring(1) + "g", "", "x".repeat(64), SIGNATURE.substring(0, 32))) {
            assertRejected(tokenOf(withParameter("X-Amz-Signature", "X-Amz-Signature=" + signature)),
                    "X-Amz-Signature is not 64 lower-case hex digits");
        }
    }

    @Test
    void tokenWithoutSessionToken_parsesWithoutOne() {
        Token parsed = Token.parse(tokenOf(withParameter("X-Amz-Security-Token", null)));
        assertFalse(parsed.hasSessionToken());
        assertEquals("ASIAEXAMPLE123", parsed.accessKeyId());
    }

    @Test
    void parameterOrder_isNotChecked() {
        String head = "aws-external-anthropic.amazonaws.com/?";
        List<String> pairs = new java.util.ArrayList<>(List.of(URL.substring(head.length()).split("&")));
        java.util.Collections.reverse(pairs);
        assertEquals(GOOD.expiresAt(), Token.parse(tokenOf(head + String.join("&", pairs))).expiresAt());
    }
}
