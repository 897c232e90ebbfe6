package dev.tokengen.awsanthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The Java usages of README.md, compiled and run so they cannot rot: the code between {@code // README: <name>} and
 * {@code // README end} is what the README shows (the testkit's ReadmeBlocksTest checks the two match).
 */
class ReadmeExamplesTest {
    private static final String[] PROPERTIES = {"aws.accessKeyId", "aws.secretAccessKey", "aws.region"};

    @BeforeEach
    void defaultChainsFindExampleCredentials() {
        System.setProperty("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        System.setProperty("aws.region", "us-east-1");
    }

    @AfterEach
    void clearProperties() {
        for (String property : PROPERTIES) {
            System.clearProperty(property);
        }
    }

    @Test
    void usage1_defaultChains() {
        // README: Usage 1
        String token = TokenGenerator.create().getToken();
        // README end

        Token parsed = Token.parse(token);
        assertEquals("us-east-1", parsed.region());
        assertEquals("AKIAIOSFODNN7EXAMPLE", parsed.accessKeyId());
        assertEquals(Duration.ofHours(12), Duration.between(parsed.issuedAt(), parsed.expiresAt()));
    }

    @Test
    void usage2_customConfiguration() {
        AwsCredentialsProvider credentialsProvider = StaticCredentialsProvider.create(
                AwsSessionCredentials.create("ASIAEXAMPLE", "secret", "session-token"));
        // README: Usage 2
        TokenGenerator generator = TokenGenerator.builder()
                .credentialsProvider(credentialsProvider)   // any AwsCredentialsProvider; Default: the default chain
                .region("us-east-1")                        // Default: the default region chain
                .build();
        String token = generator.getToken(Duration.ofHours(1));
        // README end

        Token parsed = Token.parse(token);
        assertEquals("us-east-1", parsed.region());
        assertEquals(Duration.ofHours(1), Duration.between(parsed.issuedAt(), parsed.expiresAt()));
        assertTrue(parsed.hasSessionToken());
    }

    @Test
    void usage3_staticOneShot() {
        // README: Usage 3
        AwsCredentials credentials = AwsSessionCredentials.create(
                "YOUR_ACCESS_KEY_ID", "YOUR_SECRET_ACCESS_KEY", "YOUR_SESSION_TOKEN");
        String token = TokenGenerator.getToken(credentials, Region.US_WEST_2, Duration.ofHours(6));
        // README end

        assertEquals("us-west-2", Token.parse(token).region());
        assertEquals("YOUR_ACCESS_KEY_ID", Token.parse(token).accessKeyId());
    }

    @Test
    void tokenValueAndReproducibleSigning() {
        AwsCredentialsProvider credentialsProvider = StaticCredentialsProvider.create(
                AwsSessionCredentials.create("ASIAEXAMPLE", "secret", "session-token"));
        // README: Token
        TokenGenerator generator = TokenGenerator.builder()
                .credentialsProvider(credentialsProvider)
                .region("eu-west-1")
                .expiry(Duration.ofMinutes(15))                                     // Default: 12 hours
                .clock(Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC))  // Default: system clock
                .build();
        Token token = generator.generateToken();
        String apiKey = token.value();    // the secret string to send
        System.out.println(token);        // Token{region=eu-west-1, issuedAt=2026-11-27T12:00:00Z, expiresAt=2026-11-27T12:15:00Z, value=<redacted>}
        Token seen = Token.parse(apiKey); // what a token says about itself: region, access key id, times
        // README end

        assertEquals("Token{region=eu-west-1, issuedAt=2026-11-27T12:00:00Z, expiresAt=2026-11-27T12:15:00Z,"
                + " value=<redacted>}", token.toString());
        assertEquals(apiKey, generator.generateToken().value(), "a fixed clock gives the same token");
        assertEquals(token.expiresAt(), seen.expiresAt());
        assertEquals("ASIAEXAMPLE", seen.accessKeyId());
    }
}
