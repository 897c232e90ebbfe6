package dev.tokengen.awsanthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokengen.awsanthropic.internal.PresignedUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/** The input rules of {@link TokenGenerator}: expiry, region, nulls, credentials, and what never leaks. */
class TokenGeneratorTest {
    static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String SESSION_TOKEN = "FwoGZXIvYXdzEBAaDSecretSessionToken+/=EXAMPLE";
    static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");
    static final AwsBasicCredentials BASIC = AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET);
    static final AwsSessionCredentials SESSION = AwsSessionCredentials.create(ACCESS_KEY_ID, SECRET, SESSION_TOKEN);

    static TokenGenerator.Builder generator(AwsCredentialsIdentity credentials) {
        AwsCredentialsProvider provider = () -> raw(credentials);
        return TokenGenerator.builder().credentialsProvider(provider).region("us-east-1")
                .clock(Clock.fixed(NOW.plusMillis(789), ZoneOffset.UTC));
    }

    /**
     * The identity as provider output without the SDK's own checks (its credentials classes reject blank values
     * and trim), so the generator's rules are what is tested.
     */
    static AwsCredentials raw(AwsCredentialsIdentity identity) {
        if (identity instanceof AwsCredentials credentials) {
            return credentials;
        }
        if (identity instanceof AwsSessionCredentialsIdentity session) {
            return new RawSession(session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
        }
        return new RawBasic(identity.accessKeyId(), identity.secretAccessKey());
    }

    record RawBasic(String accessKeyId, String secretAccessKey) implements AwsCredentials {
    }

    record RawSession(String accessKeyId, String secretAccessKey, String sessionToken)
            implements AwsCredentials, AwsSessionCredentialsIdentity {
    }

    static long expiresParameter(Token token) {
        return PresignedUrl.decode(token.value()).expiresSeconds();
    }

    // ---- expiry ----

    @Test
    void expiryDefaultsToTwelveHours() {
        TokenGenerator g = generator(BASIC).build();
        Token token = g.generateToken();

        assertEquals(Duration.ofHours(12), g.expiry());
        assertEquals(43_200, expiresParameter(token));
        assertEquals(NOW, token.issuedAt());
        assertEquals(NOW.plusSeconds(43_200), token.expiresAt());
        assertEquals(43_200, expiresParameter(Token.parse(g.getToken())));
    }

    @Test
    void builderExpiryIsTheDefaultForGetTokenAndGenerateToken() {
        TokenGenerator g = generator(BASIC).expiry(Duration.ofMinutes(15)).build();

        assertEquals(900, expiresParameter(g.generateToken()));
        assertEquals(900, expiresParameter(Token.parse(g.getToken())));
    }

    @Test
    void expiryBoundsAreInclusive() {
        TokenGenerator g = generator(BASIC).build();

        assertEquals(1, expiresParameter(g.generateToken(Duration.ofSeconds(1))));
        assertEquals(43_200, expiresParameter(g.generateToken(Duration.ofHours(12))));
        assertEquals(1, expiresParameter(Token.parse(TokenGenerator.getToken(BASIC, "us-east-1", Duration.ofSeconds(1)))));
        assertEquals(43_200, expiresParameter(Token.parse(
                TokenGenerator.getToken(BASIC, "us-east-1", Duration.ofHours(12)))));
        assertEquals(Duration.ofSeconds(1), generator(BASIC).expiry(Duration.ofSeconds(1)).build().expiry());
    }

    @Test
    void subSecondPartOfExpiryIsDropped() {
        TokenGenerator g = generator(BASIC).build();

        Token token = g.generateToken(Duration.ofMillis(1_900));
        assertEquals(1, expiresParameter(token));
        assertEquals(NOW.plusSeconds(1), token.expiresAt());
        assertEquals(43_199, expiresParameter(g.generateToken(Duration.ofHours(12).minusNanos(1))));
        assertEquals(1, expiresParameter(generator(BASIC).expiry(Duration.ofMillis(1_999)).build().generateToken()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT-1S", "PT0.999999999S", "PT12H0.000000001S", "PT12H1S", "PT13H", "P1D",
        "PT-12H"})
    void expiryOutOfRange_isRejectedNamingTheRangeAndTheValue(String text) {
        Duration expiry = Duration.parse(text);
        TokenGenerator g = generator(BASIC).build();
        List<Executable> entryPoints = List.of(
                () -> g.generateToken(expiry),
                () -> g.getToken(expiry),
                () -> generator(BASIC).expiry(expiry),
                () -> TokenGenerator.getToken(BASIC, "us-east-1", expiry),
                () -> TokenGenerator.getToken(BASIC, Region.US_EAST_1, expiry));
        for (Executable call : entryPoints) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
            assertTrue(e.getMessage().contains("1 second") && e.getMessage().contains("12 hours"), e.getMessage());
            assertTrue(e.getMessage().contains(expiry.toString()), e.getMessage());
        }
    }

    // ---- region ----

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "us-gov-west-1", "cn-northwest-1", "eu-isoe-west-1", "ap-southeast-5",
        "us-isob-east-1", "eusc-de-east-1"})
    void awsRegions_areAccepted(String region) {
        assertEquals(region, generator(BASIC).region(region).build().region());
        assertEquals(region, generator(BASIC).region(Region.of(region)).build().generateToken().region());
        assertEquals(region, Token.parse(TokenGenerator.getToken(BASIC, region, Duration.ofHours(1))).region());
        assertEquals(region, Token.parse(TokenGenerator.getToken(BASIC, Region.of(region), Duration.ofHours(1)))
                .region());
    }

    static final String SIXTY_FOUR = "us-" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "US-EAST-1", "Us-east-1", "us east 1", " us-east-1", "us-east-1 ", "us/east-1",
        "us-east-1/", "us-east-1?", "us-east-1&Version=2", "us-éast-1", "us-east-١", "us--east-1", "-us-east-1",
        "us-east-1-", "useast1", "us-", "u-east-1", "us_east_1", "us.east.1", "us-east-1\n", "us-east-1%2F",
        SIXTY_FOUR})
    void malformedRegions_areRejectedNamingTheRegion(String region) {
        TokenGenerator.Builder builder = generator(BASIC);
        List<Executable> entryPoints = List.of(
                () -> builder.region(region),
                () -> TokenGenerator.getToken(BASIC, region, Duration.ofHours(1)));
        for (Executable call : entryPoints) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
            assertTrue(e.getMessage().contains("'" + region + "'"), e.getMessage());
        }
    }

    @Test
    void sixtyThreeCharacterRegion_isAcceptedAndSixtyFour_isNot() {
        String sixtyThree = "us-" + "a".repeat(60);
        assertEquals(63, sixtyThree.length());
        assertEquals(sixtyThree, generator(BASIC).region(sixtyThree).build().region());
        assertThrows(IllegalArgumentException.class, () -> generator(BASIC).region(SIXTY_FOUR));
    }

    @Test
    void malformedRegionObject_isRejectedNamingTheRegion() {
        for (String id : List.of("US-EAST-1", "us-east-1&Version=2", "us east 1")) {
            // Region.of percent-encodes what it is given: the message names the region as the object holds it.
            String held = Region.of(id).id();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> generator(BASIC).region(Region.of(id)));
            assertTrue(e.getMessage().contains("'" + held + "'"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> TokenGenerator.getToken(BASIC, Region.of(id), Duration.ofHours(1)));
            assertTrue(e.getMessage().contains("'" + held + "'"), e.getMessage());
        }
    }

    @Test
    void malformedRegionFromTheDefaultChain_isRejected() {
        String previous = System.getProperty("aws.region");
        System.setProperty("aws.region", "us-east-1&Version=2");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TokenGenerator.builder().credentialsProvider(StaticCredentialsProvider.create(BASIC)).build());
            assertTrue(e.getMessage().contains("'" + Region.of("us-east-1&Version=2").id() + "'"), e.getMessage());
        } finally {
            restore("aws.region", previous);
        }
    }

    static void restore(String name, String previous) {
        if (previous == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, previous);
        }
    }

    // ---- null arguments ----

    @Test
    void everyNullArgument_isRejectedNamingTheParameter() {
        TokenGenerator g = generator(BASIC).build();
        Token token = g.generateToken();
        Duration hour = Duration.ofHours(1);
        assertNpe("credentials", () -> TokenGenerator.getToken(null, "us-east-1", hour));
        assertNpe("credentials", () -> TokenGenerator.getToken(null, Region.US_EAST_1, hour));
        assertNpe("region", () -> TokenGenerator.getToken(BASIC, (String) null, hour));
        assertNpe("region", () -> TokenGenerator.getToken(BASIC, (Region) null, hour));
        assertNpe("expiry", () -> TokenGenerator.getToken(BASIC, "us-east-1", null));
        assertNpe("expiry", () -> TokenGenerator.getToken(BASIC, Region.US_EAST_1, null));
        assertNpe("expiry", () -> g.getToken(null));
        assertNpe("expiry", () -> g.generateToken(null));
        TokenGenerator.Builder b = TokenGenerator.builder();
        assertNpe("credentialsProvider", () -> b.credentialsProvider(null));
        assertNpe("profile", () -> b.profile(null));
        assertNpe("region", () -> b.region((String) null));
        assertNpe("region", () -> b.region((Region) null));
        assertNpe("expiry", () -> b.expiry(null));
        assertNpe("clock", () -> b.clock(null));
        assertNpe("token", () -> Token.parse(null));
        assertNpe("now", () -> token.isExpired(null));
        assertNpe("now", () -> token.timeLeft(null));
    }

    static void assertNpe(String parameter, Executable call) {
        assertEquals(parameter, assertThrows(NullPointerException.class, call).getMessage());
    }

    @Test
    void blankProfile_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> TokenGenerator.builder().profile(" "));
    }

    // ---- credentials ----

    @Test
    void emptyAccessKeyId_isRejected() {
        AwsCredentialsIdentity empty = AwsCredentialsIdentity.create("", SECRET);
        assertThrows(IllegalArgumentException.class, () -> generator(empty).build().generateToken());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenGenerator.getToken(empty, "us-east-1", Duration.ofHours(1)));
        assertTrue(e.getMessage().contains("access key id"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t \n"})
    void blankSecret_isRejected(String secret) {
        AwsCredentialsIdentity blank = AwsCredentialsIdentity.create(ACCESS_KEY_ID, secret);
        assertThrows(IllegalArgumentException.class, () -> generator(blank).build().generateToken());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenGenerator.getToken(blank, "us-east-1", Duration.ofHours(1)));
        assertTrue(e.getMessage().contains("secret access key"), e.getMessage());
    }

    static AwsSessionCredentials expiringAt(Instant expiration) {
        return AwsSessionCredentials.builder().accessKeyId(ACCESS_KEY_ID).secretAccessKey(SECRET)
                .sessionToken(SESSION_TOKEN).expirationTime(expiration).build();
    }

    @Test
    void expiredCredentials_giveATokenExceptionAndNoToken() {
        for (Instant expiration : List.of(NOW.minusSeconds(1), NOW, Instant.EPOCH)) {
            List<String> tokens = new ArrayList<>();
            TokenException e = assertThrows(TokenException.class,
                    () -> tokens.add(generator(expiringAt(expiration)).build().getToken()));
            assertTrue(tokens.isEmpty());
            assertTrue(e.getMessage().contains("expired") && e.getMessage().contains(ACCESS_KEY_ID), e.getMessage());
        }
        // The static form uses the real clock.
        assertThrows(TokenException.class, () -> TokenGenerator.getToken(
                expiringAt(Instant.now().minusSeconds(5)), "us-east-1", Duration.ofHours(1)));
    }

    @Test
    void credentialsExpiringBeforeTheTokenWouldCapItsExpiry() {
        Instant expiration = NOW.plusSeconds(600).plusMillis(250);
        Token token = generator(expiringAt(expiration)).build().generateToken(Duration.ofHours(1));

        assertEquals(expiration, token.expiresAt());
        assertEquals(3_600, expiresParameter(token)); // the URL still says what was asked for
        assertTrue(token.hasSessionToken());
    }

    @Test
    void credentialsExpiringAfterTheTokenLeaveItsExpiry() {
        Token token = generator(expiringAt(NOW.plusSeconds(7_200))).build().generateToken(Duration.ofHours(1));
        assertEquals(NOW.plusSeconds(3_600), token.expiresAt());
    }

    @Test
    void credentialsExpiringJustAfterNow_stillSignWithTheirExpiry() {
        Token token = generator(expiringAt(NOW.plusSeconds(1))).build().generateToken();
        assertEquals(NOW.plusSeconds(1), token.expiresAt());
    }

    @Test
    void instantMaxExpiration_isTreatedAsNone() {
        Token token = generator(expiringAt(Instant.MAX)).build().generateToken(Duration.ofHours(2));
        assertEquals(NOW.plusSeconds(7_200), token.expiresAt());
    }

    @Test
    void emptySessionToken_isTreatedAsNone() {
        AwsSessionCredentialsIdentity empty = AwsSessionCredentialsIdentity.create(ACCESS_KEY_ID, SECRET, "");
        Token withEmpty = generator(empty).build().generateToken();
        Token basic = generator(BASIC).build().generateToken();

        assertFalse(withEmpty.hasSessionToken());
        assertNull(PresignedUrl.decode(withEmpty.value()).sessionToken());
        assertEquals(basic.value(), withEmpty.value());
    }

    @Test
    void sessionToken_isCarriedInTheToken() {
        Token token = generator(SESSION).build().generateToken();
        assertTrue(token.hasSessionToken());
        assertEquals(SESSION_TOKEN, PresignedUrl.decode(token.value()).sessionToken());
        assertEquals(ACCESS_KEY_ID, token.accessKeyId());
    }

    @Test
    void credentialsAreResolvedForEveryToken() {
        int[] calls = {0};
        AwsCredentialsProvider counting = () -> {
            calls[0]++;
            return AwsBasicCredentials.create("AKID" + calls[0], SECRET);
        };
        TokenGenerator g = TokenGenerator.builder().credentialsProvider(counting).region("us-east-1").build();
        assertEquals("AKID1", g.generateToken().accessKeyId());
        assertEquals("AKID2", g.generateToken().accessKeyId());
        assertEquals(2, calls[0]);
    }

    @Test
    void failingCredentialsProvider_givesATokenExceptionWithTheSdkCause() {
        SdkClientException cause = SdkClientException.create("no credentials here");
        TokenGenerator g = TokenGenerator.builder().credentialsProvider(() -> {
            throw cause;
        }).region("us-east-1").build();
        TokenException e = assertThrows(TokenException.class, g::getToken);
        assertEquals(cause, e.getCause());
        assertTrue(e.getMessage().contains("AWS_ACCESS_KEY_ID"), e.getMessage());
    }

    @Test
    void clockFixesTheSigningTimeToTheSecond() {
        Token a = generator(BASIC).build().generateToken();
        Token b = generator(BASIC).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build().generateToken();
        assertEquals(NOW, a.issuedAt());
        assertEquals(a.value(), b.value());
    }

    // ---- secrets ----

    @Test
    void toStringOfTokenAndGenerator_showNoSecret() {
        TokenGenerator g = generator(SESSION).build();
        Token token = g.generateToken();
        String signature = PresignedUrl.decode(token.value()).signature();

        for (String text : List.of(token.toString(), g.toString(), Token.parse(token.value()).toString(),
                PresignedUrl.decode(token.value()).toString())) {
            assertNoSecret(text, token.value(), signature);
        }
        assertTrue(token.toString().contains("<redacted>") && token.toString().contains("us-east-1"), token.toString());
        assertTrue(g.toString().contains("us-east-1"), g.toString());
    }

    @Test
    void noFailureMessageContainsASecret() {
        Token good = generator(SESSION).build().generateToken();
        String signature = PresignedUrl.decode(good.value()).signature();
        String aValidSignature = signature;
        List<Supplier<Object>> failures = List.of(
                () -> generator(expiringAt(NOW)).build().generateToken(),
                () -> generator(expiringAt(NOW.minusSeconds(60))).build().generateToken(Duration.ofSeconds(1)),
                () -> TokenGenerator.getToken(expiringAt(Instant.EPOCH), "us-east-1", Duration.ofHours(1)),
                () -> TokenGenerator.getToken(SESSION, "us-east-1&Version=2", Duration.ofHours(1)),
                () -> TokenGenerator.getToken(SESSION, "us-east-1", Duration.ofHours(13)),
                () -> TokenGenerator.getToken(AwsSessionCredentialsIdentity.create("", SECRET, SESSION_TOKEN),
                        "us-east-1", Duration.ofHours(1)),
                () -> TokenGenerator.getToken(AwsSessionCredentialsIdentity.create(ACCESS_KEY_ID, " ", SESSION_TOKEN),
                        "us-east-1", Duration.ofHours(1)),
                () -> generator(SESSION).build().generateToken(Duration.ZERO),
                () -> generator(SESSION).region("US-EAST-1"),
                () -> Token.parse(good.value().replace("aws-external-anthropic-api-key-", "aws-external-anthropic-")),
                () -> Token.parse(good.value() + "!"),
                () -> Token.parse(good.value().substring(0, good.value().length() - 8)),
                () -> Token.parse(TokenParseTest.tokenOf(TokenParseTest.urlOf(good).replace("&Version=1",
                        "&Version=2"))),
                () -> Token.parse(TokenParseTest.tokenOf(TokenParseTest.urlOf(good).replace(signature,
                        signature.toUpperCase()))),
                () -> Token.parse(TokenParseTest.tokenOf(TokenParseTest.urlOf(good) + "&X-Amz-Signature="
                        + aValidSignature)),
                () -> TokenGenerator.builder().credentialsProvider(() -> {
                    throw SdkClientException.create("provider failed");
                }).region("us-east-1").build().getToken());
        for (Supplier<Object> failure : failures) {
            RuntimeException e = assertThrows(RuntimeException.class, failure::get);
            assertTrue(e instanceof IllegalArgumentException || e instanceof TokenException, e.toString());
            assertNoSecret(e.getMessage(), good.value(), signature);
            assertNoSecret(e.toString(), good.value(), signature);
        }
    }

    static void assertNoSecret(String text, String tokenValue, String signature) {
        for (String secret : List.of(SECRET, SESSION_TOKEN, tokenValue, signature,
                tokenValue.substring("aws-external-anthropic-api-key-".length(), 60))) {
            assertFalse(text.contains(secret), () -> "leaks a secret: " + text);
        }
        assertFalse(text.contains("SecretSessionToken"), text);
    }
}
