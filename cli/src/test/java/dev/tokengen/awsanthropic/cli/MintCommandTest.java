package dev.tokengen.awsanthropic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokengen.awsanthropic.Token;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class MintCommandTest {
    static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String SESSION = "FwoGZXIvYXdzEXAMPLESESSIONTOKENxyz0123456789";
    static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final AwsCredentialsProvider STATIC =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET));

    static Run mint(String... args) {
        return Run.of(STATIC, CLOCK, "", args);
    }

    @Test
    void defaultFormat_isTheTokenAndOneNewline() {
        Run run = mint("--region", "us-east-1");
        assertEquals(0, run.exitCode());
        assertEquals("", run.err());
        assertTrue(run.out().matches("aws-external-anthropic-api-key-[A-Za-z0-9+/=]+\n"), run.out());
        Token token = Token.parse(run.out());
        assertEquals("us-east-1", token.region());
        assertEquals(NOW, token.issuedAt());
        assertEquals(NOW.plus(Duration.ofHours(12)), token.expiresAt());
        assertEquals(KEY_ID, token.accessKeyId());
    }

    @Test
    void formatToken_isTheSameAsTheDefault() {
        assertEquals(mint("--region", "us-east-1").out(), mint("--region", "us-east-1", "--format", "token").out());
    }

    @Test
    void formatJson_hasTokenRegionAndIsoInstants() {
        Run run = mint("--region", "eu-west-1", "--expiry", "1h", "--format", "json");
        String token = mint("--region", "eu-west-1", "--expiry", "1h").out().trim();
        assertEquals(0, run.exitCode());
        assertEquals("{\"token\":\"" + token + "\",\"region\":\"eu-west-1\",\"issuedAt\":\"2025-06-01T10:00:00Z\","
                + "\"expiresAt\":\"2025-06-01T11:00:00Z\"}\n", run.out());
        assertEquals("", run.err());
    }

    @Test
    void formatJson_reportsTheEffectiveExpiryWhenCredentialsExpireFirst() {
        AwsCredentialsProvider expiring = StaticCredentialsProvider.create(AwsSessionCredentials.builder()
                .accessKeyId(KEY_ID).secretAccessKey(SECRET).sessionToken(SESSION)
                .expirationTime(NOW.plus(Duration.ofMinutes(20))).build());
        Run run = Run.of(expiring, CLOCK, "", "--region", "us-east-1", "--format", "json");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("\"expiresAt\":\"2025-06-01T10:20:00Z\""), run.out());
    }

    @Test
    void formatEnv_isAnExportForEval() {
        String token = mint("--region", "us-east-1").out().trim();
        Run run = mint("--region", "us-east-1", "--format", "env");
        assertEquals(0, run.exitCode());
        assertEquals("export ANTHROPIC_AWS_API_KEY='" + token + "'\n", run.out());
    }

    @Test
    void formatIsCaseInsensitive() {
        assertEquals(mint("--region", "us-east-1", "--format", "json").out(),
                mint("--region", "us-east-1", "--format", "JSON").out());
    }

    @ParameterizedTest
    @CsvSource({"90s,90", "15m,900", "1h,3600", "1h30m,5400", "12h,43200", "3600,3600", "PT1H,3600", "pt2m,120",
        "1s,1", "2h5m10s,7510"})
    void expiry_acceptsEveryDocumentedForm(String expiry, long seconds) {
        Run run = mint("--region", "us-east-1", "--expiry", expiry);
        assertEquals(0, run.exitCode(), run.err());
        Token token = Token.parse(run.out());
        assertEquals(Duration.ofSeconds(seconds), Duration.between(token.issuedAt(), token.expiresAt()));
    }

    @ParameterizedTest
    @CsvSource({"13h", "12h1s", "0", "0s", "43201", "PT12H0.5S"})
    void expiryOutsideTheLibraryBounds_isAUsageError(String expiry) {
        Run run = mint("--region", "us-east-1", "--expiry", expiry);
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("aws-external-anthropic-token: Invalid value for option '--expiry': expiry"
                + " must be between 1 second and 12 hours, got PT"), run.err());
        assertTrue(run.err().contains("(see 'aws-external-anthropic-token --help')"), run.err());
        assertTrue(run.oneErrorLine(), run.err());
    }

    @ParameterizedTest
    @CsvSource({"1x", "h", "1.5h", "1m1h", "-5", "PTXH", "''", "99999999999999999999"})
    void unparseableExpiry_isAUsageErrorSayingWhatIsAccepted(String expiry) {
        Run run = mint("--region", "us-east-1", "--expiry", expiry);
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().contains("is not a duration; use e.g. 90s, 15m, 1h30m, 12h, a number of seconds or"
                + " ISO-8601 PT1H"), run.err());
        assertTrue(run.oneErrorLine(), run.err());
    }

    @Test
    void invalidRegion_isAUsageError() {
        Run run = mint("--region", "US_EAST_1");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("aws-external-anthropic-token: Invalid value for option '--region': region"
                + " must be an AWS region such as us-east-1"), run.err());
        assertTrue(run.oneErrorLine(), run.err());
    }

    @Test
    void unknownOption_isAUsageErrorOnOneLine() {
        Run run = mint("--regoin=us-east-1");
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("aws-external-anthropic-token: Unknown option or unexpected argument: '--regoin'"), run.err());
        assertTrue(run.err().endsWith("(see 'aws-external-anthropic-token --help')\n"), run.err());
        assertTrue(run.oneErrorLine(), run.err());
    }

    @Test
    void unknownFormat_isAUsageErrorListingTheFormats() {
        Run run = mint("--region", "us-east-1", "--format", "xml");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("expected one of [token, json, env]"), run.err());
        assertTrue(run.oneErrorLine(), run.err());
    }

    @Test
    void blankProfile_isAUsageError() {
        Run run = mint("--region", "us-east-1", "--profile", " ");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Invalid value for option '--profile': profile must not be blank"), run.err());
    }

    @Test
    void noRegion_failsWithExitOneAndSaysHowToSetOne() {
        // Surefire strips AWS_REGION/AWS_DEFAULT_REGION and points the config file at nothing.
        Run run = mint();
        assertEquals(1, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("aws-external-anthropic-token: Unable to find an AWS region."), run.err());
        assertTrue(run.err().contains("export AWS_REGION=us-east-1"), run.err());
        assertTrue(run.oneErrorLine(), run.err());
    }

    @Test
    void regionFromTheDefaultChain_isUsedWithoutRegionOption() {
        System.setProperty("aws.region", "ap-southeast-2");
        try {
            Run run = mint();
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("ap-southeast-2", Token.parse(run.out()).region());
        } finally {
            System.clearProperty("aws.region");
        }
    }

    @Test
    void noCredentials_failsWithExitOneAndSaysWhatToExport() {
        // The real default chain: system properties, environment (stripped by Surefire), files (absent), IMDS (off).
        Run run = Run.of(null, CLOCK, "", "--region", "us-east-1");
        assertEquals(1, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("aws-external-anthropic-token: Unable to load AWS credentials."), run.err());
        assertTrue(run.err().contains("export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"), run.err());
        assertTrue(run.oneErrorLine(), run.err());
    }

    @Test
    void verbose_addsTheStackTrace() {
        Run run = Run.of(null, CLOCK, "", "--region", "us-east-1", "--verbose");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("dev.tokengen.awsanthropic.TokenException: Unable to load AWS credentials"));
        assertTrue(run.err().contains("\tat "), run.err());
    }

    @Test
    void credentialsFromSystemProperties_areTakenWithoutTheFullChain() {
        System.setProperty("aws.accessKeyId", "AKIASYSPROPEXAMPLE01");
        System.setProperty("aws.secretAccessKey", SECRET);
        try {
            Run run = Run.of(null, CLOCK, "", "--region", "us-east-1");
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("AKIASYSPROPEXAMPLE01", Token.parse(run.out()).accessKeyId());
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void profile_takesCredentialsAndRegionFromThatProfile(@TempDir Path dir) throws IOException {
        Path credentials = dir.resolve("credentials");
        Path config = dir.resolve("config");
        Files.writeString(credentials, "[work]\naws_access_key_id = AKIAPROFILEEXAMPLE01\naws_secret_access_key = "
                + SECRET + "\n");
        Files.writeString(config, "[profile work]\nregion = eu-central-1\n");
        String oldCredentials = System.getProperty("aws.sharedCredentialsFile");
        String oldConfig = System.getProperty("aws.configFile");
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        System.setProperty("aws.configFile", config.toString());
        try {
            Run run = mint("--profile", "work");
            assertEquals(0, run.exitCode(), run.err());
            Token token = Token.parse(run.out());
            assertEquals("AKIAPROFILEEXAMPLE01", token.accessKeyId(), "--profile wins over the default chain");
            assertEquals("eu-central-1", token.region());

            Run missing = mint("--profile", "nope", "--region", "us-east-1");
            assertEquals(1, missing.exitCode());
            assertTrue(missing.err().contains("Unable to load AWS credentials from profile 'nope'"), missing.err());
            assertTrue(missing.oneErrorLine(), missing.err());
        } finally {
            System.setProperty("aws.sharedCredentialsFile", oldCredentials);
            System.setProperty("aws.configFile", oldConfig);
        }
    }

    @Test
    void help_printsUsageWithExitCodesAndExitsZero() {
        Run run = mint("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("Usage: aws-external-anthropic-token"), run.out());
        for (String option : new String[] {"--region", "--profile", "--expiry", "--format", "--verbose", "--version",
            "inspect", "Exit codes:", "2  usage error"}) {
            assertTrue(run.out().contains(option), option);
        }
        assertEquals("", run.err());
    }

    @Test
    void version_printsNameAndVersion() {
        Run run = mint("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().matches("aws-external-anthropic-token \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"), run.out());
    }

    @Test
    void blankSecretInCredentials_failsWithExitOneWithoutTheSecret() {
        AwsCredentials credentials = new AwsCredentials() {
            @Override
            public String accessKeyId() {
                return KEY_ID;
            }

            @Override
            public String secretAccessKey() {
                return " ";
            }
        };
        AwsCredentialsProvider blank = () -> credentials;
        Run run = Run.of(blank, CLOCK, "", "--region", "us-east-1");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("secret access key must not be blank"), run.err());
        assertTrue(run.oneErrorLine(), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }
}
