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
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The Java examples of README.md, compiled and run so they cannot rot. Keep the two in step. */
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

        assertEquals("us-east-1", Token.parse(token).region());
        assertEquals(Duration.ofHours(12), Token.parse(token).timeLeft(Token.parse(token).issuedAt()));
    }

    @Test
    void usage2_customConfiguration() {
        AwsCredentials credentials = AwsSessionCredentials.create(
                "ASIAEXAMPLE", "secret", "session-token");
        // README: Usage 2
        TokenGenerator generator = TokenGenerator.builder()
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .region("us-east-1")
                .build();
        String token = generator.getToken(Duration.ofHours(1));

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

        assertEquals("us-west-2", Token.parse(token).region());
    }

    @Test
    void tokenValueAndReproducibleSigning() {
        AwsCredentials credentials = AwsSessionCredentials.create("ASIAEXAMPLE", "secret", "session-token");
        // README: Token and clock
        TokenGenerator generator = TokenGenerator.builder()
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .region("eu-west-1")
                .expiry(Duration.ofMinutes(15))
                .clock(Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC))
                .build();
        Token token = generator.generateToken();
        System.out.println(token); // Token{region=eu-west-1, issuedAt=2026-11-27T12:00:00Z, expiresAt=2026-11-27T12:15:00Z, value=<redacted>}

        assertEquals("Token{region=eu-west-1, issuedAt=2026-11-27T12:00:00Z, expiresAt=2026-11-27T12:15:00Z,"
                + " value=<redacted>}", token.toString());
        assertEquals(token.value(), generator.generateToken().value());
    }
}
