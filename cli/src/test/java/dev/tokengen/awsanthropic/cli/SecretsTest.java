package dev.tokengen.awsanthropic.cli;

import static dev.tokengen.awsanthropic.cli.MintCommandTest.CLOCK;
import static dev.tokengen.awsanthropic.cli.MintCommandTest.KEY_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** No output stream of any command, success or failure, verbose or not, contains the secret key or session token. */
class SecretsTest {
    static final String SECRET = "Sup3rS3cretAccessKeyValue/ForThisTest+0123";
    static final String SESSION = "SessionTokenForThisTest/abc+def=ghiJKLmnop0123456789";

    @Test
    void noStreamOfAnyRun_containsTheSecretKeyOrSessionToken() {
        AwsCredentialsProvider session = StaticCredentialsProvider.create(AwsSessionCredentials.create(KEY_ID, SECRET,
                SESSION));
        AwsCredentialsProvider expired = StaticCredentialsProvider.create(AwsSessionCredentials.builder()
                .accessKeyId(KEY_ID).secretAccessKey(SECRET).sessionToken(SESSION)
                .expirationTime(Instant.parse("2020-01-01T00:00:00Z")).build());
        String token = Run.of(session, CLOCK, "", "--region", "us-east-1").out().trim();
        List<Run> runs = new ArrayList<>();
        for (String format : new String[] {"token", "json", "env"}) {
            runs.add(Run.of(session, CLOCK, "", "--region", "us-east-1", "--format", format, "--verbose"));
            runs.add(Run.of(expired, CLOCK, "", "--region", "us-east-1", "--format", format));
            runs.add(Run.of(expired, CLOCK, "", "--region", "us-east-1", "--format", format, "--verbose"));
        }
        runs.add(Run.of(session, CLOCK, "", "--region", "us-east-1", "--expiry", "13h", "--verbose"));
        runs.add(Run.of(session, CLOCK, "", "--region", "us-east-1", "--nope", SECRET));
        for (String format : new String[] {"text", "json"}) {
            runs.add(Run.of(session, CLOCK, "", "inspect", token, "--format", format, "--verbose"));
            runs.add(Run.of(session, CLOCK.withZone(CLOCK.getZone()), token, "inspect", "--format", format));
            runs.add(Run.of(session, CLOCK, "", "inspect", token + "x", "--format", format, "--verbose"));
            runs.add(Run.of(session, CLOCK, "", "inspect", token, token, "--format", format));
        }
        String encodedSession = URLEncoder.encode(SESSION, StandardCharsets.UTF_8);
        int expiredFailures = 0;
        for (Run run : runs) {
            for (String secret : new String[] {SECRET, SESSION, encodedSession, SECRET.substring(0, 16)}) {
                assertFalse(run.out().contains(secret), "stdout: " + run.out());
                assertFalse(run.err().contains(secret), "stderr: " + run.err());
            }
            if (run.err().contains("expired at 2020-01-01T00:00:00Z")) {
                expiredFailures++;
            }
        }
        assertEquals(6, expiredFailures, "the expired-credentials runs fail as intended");
    }
}
