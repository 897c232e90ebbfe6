package dev.tokengen.awsanthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tokengen.awsanthropic.internal.PresignedUrl;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;

/**
 * Our presigner against the AWS SDK's own {@link AwsV4HttpSigner}, on randomized inputs from a seeded generator. The
 * SDK renders the query in another order, so the signatures and the decoded parameters are compared, not the bytes.
 */
class PresignerReferenceTest {
    private static final long SEED = Long.getLong("presigner.seed", 0x5EED_2026L);
    private static final int CASES = 1_500;
    private static final URI ENDPOINT = URI.create("https://aws-external-anthropic.amazonaws.com/?Action=CallWithBearerToken");
    private static final long YEAR_2000 = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
    private static final long YEAR_2100 = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();
    private static final AwsV4HttpSigner SDK_SIGNER = AwsV4HttpSigner.create();

    @Test
    void signaturesMatchTheSdkSignerOnRandomizedInputs() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> sdkRegions = new ArrayList<>();
        for (Region region : Region.regions()) {
            if (!region.isGlobalRegion() && region.id().matches("[a-z]{2,}(-[a-z0-9]+)+")) {
                sdkRegions.add(region.id());
            }
        }
        int withSessionToken = 0;
        for (int i = 0; i < CASES; i++) {
            Input in = Input.random(random, sdkRegions);
            String where = "seed " + SEED + ", case " + i + " (rerun with -Dpresigner.seed=" + SEED + "): " + in;

            Token token = TokenGenerator.builder()
                    .credentialsProvider(StaticCredentialsProvider.create(in.credentials()))
                    .region(in.region)
                    .clock(Clock.fixed(in.signingTime, ZoneOffset.UTC))
                    .build()
                    .generateToken(Duration.ofSeconds(in.expiresSeconds));
            PresignedUrl ours = PresignedUrl.decode(token.value());
            Map<String, String> sdk = sdkPresign(in);

            assertEquals(sdk.get("X-Amz-Signature"), ours.signature(), where);
            Map<String, String> oursWithoutVersion = new LinkedHashMap<>(ours.parameters());
            assertEquals("1", oursWithoutVersion.remove("Version"), where); // appended after signing, as botocore does
            assertEquals(sdk, oursWithoutVersion, where);

            // The URL round-trips to the inputs.
            assertEquals(in.accessKeyId, ours.accessKeyId(), where);
            assertEquals(in.region, ours.region(), where);
            assertEquals("aws-external-anthropic", ours.service(), where);
            assertEquals(in.signingTime, ours.signedAt(), where);
            assertEquals(in.expiresSeconds, ours.expiresSeconds(), where);
            assertEquals(in.sessionToken, ours.sessionToken(), where);
            assertEquals("CallWithBearerToken", ours.action(), where);
            if (in.sessionToken != null) {
                withSessionToken++;
            }
        }
        // The generator really covered both kinds of credentials.
        assertEquals(true, withSessionToken > CASES / 2 && withSessionToken < CASES, "session tokens: " + withSessionToken);
    }

    @Test
    void sdkReferenceAgreesWithASharedVector() {
        // Guards the reference itself: configured as below, the SDK signer reproduces a Python-package vector.
        for (TestVector v : TestVector.all()) {
            Input in = new Input(v.accessKeyId(), v.secretAccessKey(), v.sessionToken(), v.region(),
                    v.expiresSeconds(), v.signingTime());
            String url = v.presignedUrl();
            String signature = url.substring(url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length());
            assertEquals(signature, sdkPresign(in).get("X-Amz-Signature"), v.name());
        }
    }

    @Test
    void urlWithoutSessionTokenHasNoSecurityTokenParameter() {
        Input in = new Input("AKIDEXAMPLE", "secret", null, "us-east-1", 60, Instant.parse("2024-02-29T12:00:00Z"));
        assertNull(sdkPresign(in).get("X-Amz-Security-Token"));
    }

    /** Presigns the token's request with the SDK and returns its query parameters, decoded. */
    static Map<String, String> sdkPresign(Input in) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(ENDPOINT).build();
        SignedRequest signed = SDK_SIGNER.sign(r -> r
                .identity(in.credentials())
                .request(request)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "aws-external-anthropic")
                .putProperty(AwsV4HttpSigner.REGION_NAME, in.region)
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(in.expiresSeconds))
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(in.signingTime, ZoneOffset.UTC)));
        Map<String, String> parameters = new LinkedHashMap<>();
        signed.request().rawQueryParameters().forEach((name, values) -> {
            assertEquals(1, values.size(), name);
            parameters.put(name, values.get(0));
        });
        return parameters;
    }

    record Input(String accessKeyId, String secret, String sessionToken, String region, long expiresSeconds,
            Instant signingTime) {

        AwsCredentials credentials() {
            return sessionToken == null
                    ? AwsBasicCredentials.create(accessKeyId, secret)
                    : AwsSessionCredentials.create(accessKeyId, secret, sessionToken);
        }

        static Input random(SplittableRandom random, List<String> sdkRegions) {
            String accessKeyId = random.nextInt(4) == 0
                    ? printable(random, 1 + random.nextInt(64)).replace('/', '_') // odd but signable ids
                    : "AKIA" + alphanumeric(random, 16);
            String secret;
            do {
                secret = printable(random, 1 + random.nextInt(60));
            } while (secret.isBlank());
            String sessionToken = random.nextInt(4) == 0 ? null : printable(random, 1 + random.nextInt(1_200));
            String region = random.nextBoolean()
                    ? sdkRegions.get(random.nextInt(sdkRegions.size()))
                    : randomRegion(random);
            long expiresSeconds = random.nextInt(10) == 0
                    ? (random.nextBoolean() ? 1 : 43_200)
                    : 1 + random.nextInt(43_200);
            Instant signingTime = Instant.ofEpochSecond(random.nextLong(YEAR_2000, YEAR_2100));
            return new Input(accessKeyId, secret, sessionToken, region, expiresSeconds, signingTime);
        }

        /**
         * Full printable ASCII range, 0x20 to 0x7E, except a space at either end: the SDK signer trims access key
         * ids, secrets and session tokens (its CredentialUtils.sanitizeCredentials) where botocore, and so we, sign
         * them as given. Spaces inside are kept.
         */
        static String printable(SplittableRandom random, int length) {
            StringBuilder s = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                char c = (char) (0x20 + random.nextInt(0x7F - 0x20));
                s.append(c == ' ' && (i == 0 || i == length - 1) ? '~' : c);
            }
            return s.toString();
        }

        static String alphanumeric(SplittableRandom random, int length) {
            String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
            StringBuilder s = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                s.append(chars.charAt(random.nextInt(chars.length())));
            }
            return s.toString();
        }

        /** A region of the AWS form: letters, then hyphen-separated groups of letters and digits. */
        static String randomRegion(SplittableRandom random) {
            String lower = "abcdefghijklmnopqrstuvwxyz";
            String alnum = lower + "0123456789";
            StringBuilder s = new StringBuilder();
            for (int i = 0, n = 2 + random.nextInt(4); i < n; i++) {
                s.append(lower.charAt(random.nextInt(lower.length())));
            }
            for (int g = 0, groups = 1 + random.nextInt(4); g < groups; g++) {
                s.append('-');
                for (int i = 0, n = 1 + random.nextInt(9); i < n; i++) {
                    s.append(alnum.charAt(random.nextInt(alnum.length())));
                }
            }
            return s.length() > 63 ? s.substring(0, 60) + "-1" : s.toString();
        }
    }
}
