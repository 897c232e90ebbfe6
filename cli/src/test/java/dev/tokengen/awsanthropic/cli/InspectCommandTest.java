package dev.tokengen.awsanthropic.cli;

import static dev.tokengen.awsanthropic.cli.MintCommandTest.CLOCK;
import static dev.tokengen.awsanthropic.cli.MintCommandTest.NOW;
import static dev.tokengen.awsanthropic.cli.MintCommandTest.STATIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class InspectCommandTest {
    static final String TOKEN = MintCommandTest.mint("--region", "eu-west-1", "--expiry", "1h").out().trim();

    static Run inspectAt(Duration later, String stdin, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "inspect";
        System.arraycopy(args, 0, all, 1, args.length);
        return Run.of(STATIC, Clock.fixed(NOW.plus(later), ZoneOffset.UTC), stdin, all);
    }

    @Test
    void tokenArgument_printsEveryFieldAndTimeLeft() {
        Run run = inspectAt(Duration.ofMinutes(10).plusSeconds(5), "", TOKEN);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("region:        eu-west-1\n"
                + "service:       aws-external-anthropic\n"
                + "host:          aws-external-anthropic.amazonaws.com\n"
                + "access key id: AKIA****MPLE\n"
                + "session token: absent\n"
                + "issued at:     2025-06-01T10:00:00Z\n"
                + "expires at:    2025-06-01T11:00:00Z\n"
                + "time left:     49m 55s\n", run.out());
        assertEquals("", run.err());
    }

    @Test
    void noArgument_readsTheTokenFromStdin() {
        Run run = inspectAt(Duration.ZERO, TOKEN + "\n");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("region:        eu-west-1\n"), run.out());
        assertTrue(run.out().contains("time left:     1h 0m 0s\n"), run.out());
    }

    @Test
    void dashArgument_readsTheTokenFromStdin() {
        Run run = inspectAt(Duration.ZERO, TOKEN, "-");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("region:        eu-west-1\n"), run.out());
    }

    @Test
    void formatJson_printsTheFieldsAsJson() {
        Run run = inspectAt(Duration.ofMinutes(30), "", TOKEN, "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("{\"region\":\"eu-west-1\",\"service\":\"aws-external-anthropic\","
                + "\"host\":\"aws-external-anthropic.amazonaws.com\",\"accessKeyId\":\"AKIA****MPLE\","
                + "\"sessionToken\":false,\"issuedAt\":\"2025-06-01T10:00:00Z\",\"expiresAt\":\"2025-06-01T11:00:00Z\","
                + "\"expired\":false,\"secondsLeft\":1800}\n", run.out());
    }

    @Test
    void sessionToken_isReportedPresentButNeverPrinted() {
        String session = "IQoJb3JpZ2luX2VjEXAMPLESESSION/abc+def==";
        String token = Run.of(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                MintCommandTest.KEY_ID, MintCommandTest.SECRET, session)), CLOCK, "", "--region", "us-east-1")
                .out().trim();
        for (String format : new String[] {"text", "json"}) {
            Run run = inspectAt(Duration.ZERO, "", token, "--format", format);
            assertEquals(0, run.exitCode());
            assertTrue(run.out().contains("present") || run.out().contains("\"sessionToken\":true"), run.out());
            assertFalse(run.all().contains(session), run.all());
            assertFalse(run.all().contains("IQoJ"), run.all());
            assertFalse(run.all().contains(token.substring(40, 80)), "no part of the token");
        }
    }

    @Test
    void expiredToken_printsHowLongAgoAndExitsOne() {
        Run run = inspectAt(Duration.ofMinutes(65).plusSeconds(30), "", TOKEN);
        assertEquals(1, run.exitCode());
        assertTrue(run.out().endsWith("status:        expired 5 minutes ago\n"), run.out());
        assertEquals("aws-external-anthropic-token: the token expired 5 minutes ago; mint a new one.\n", run.err());
    }

    @Test
    void tokenAtItsExpiryInstant_isExpired() {
        Run run = inspectAt(Duration.ofHours(1), "", TOKEN);
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("expired 0 seconds ago"), run.err());
        assertEquals(0, inspectAt(Duration.ofHours(1).minusSeconds(1), "", TOKEN).exitCode());
    }

    @Test
    void expiredToken_inJson_saysExpired() {
        Run run = inspectAt(Duration.ofMinutes(61), "", TOKEN, "--format", "json");
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("\"expired\":true,\"secondsLeft\":-60}"), run.out());
        assertEquals("aws-external-anthropic-token: the token expired 1 minute ago; mint a new one.\n", run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "aws-external-anthropic-api-key-!!!notbase64", "aws-external-anthropic-api-key-",
        "Bearer aws-external-anthropic-api-key-abc"})
    void malformedToken_exitsOneWithOneLine(String token) {
        Run run = inspectAt(Duration.ZERO, "", token);
        assertEquals(1, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("aws-external-anthropic-token: Malformed token: "), run.err());
        assertTrue(run.err().endsWith("Check that you passed the whole token, as printed by"
                + " aws-external-anthropic-token.\n"), run.err());
        assertTrue(run.oneErrorLine(), run.err());
        assertFalse(run.err().contains(token.substring(Math.min(token.length(), 31))) && token.length() > 31,
                run.err());
    }

    @Test
    void tokenForAnotherService_isMalformed() {
        String url = new String(Base64.getDecoder().decode(TOKEN.substring(31)))
                .replace("aws-external-anthropic%2Faws4_request", "s3%2Faws4_request");
        Run run = inspectAt(Duration.ZERO, "",
                "aws-external-anthropic-api-key-" + Base64.getEncoder().encodeToString(url.getBytes()));
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("another service"), run.err());
    }

    @Test
    void emptyStdin_saysHowToPassAToken() {
        Run run = inspectAt(Duration.ZERO, "  \n");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("aws-external-anthropic-token: No token given: pass it as an argument or pipe"
                + " it to stdin"), run.err());
        assertTrue(run.oneErrorLine(), run.err());
    }

    @Test
    void unknownFormat_isAUsageError() {
        Run run = inspectAt(Duration.ZERO, "", TOKEN, "--format", "yaml");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("expected one of [text, json]"), run.err());
        assertTrue(run.err().contains("(see 'aws-external-anthropic-token inspect --help')"), run.err());
        assertTrue(run.oneErrorLine(), run.err());
    }

    @Test
    void twoTokens_isAUsageError() {
        Run run = inspectAt(Duration.ZERO, "", TOKEN, TOKEN);
        assertEquals(2, run.exitCode());
        assertTrue(run.oneErrorLine(), run.err());
        assertFalse(run.err().contains(TOKEN.substring(31, 60)), "the rejected argument is a token: never echo it");
        assertTrue(run.err().contains("Unknown option or unexpected argument: <argument>"), run.err());
    }

    @Test
    void verbose_addsTheStackTraceOfAMalformedToken() {
        Run run = inspectAt(Duration.ZERO, "", "garbage", "--verbose");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("\tat "), run.err());
    }

    @Test
    void help_describesTokenFormatAndExitCodes() {
        Run run = inspectAt(Duration.ZERO, "", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("Usage: aws-external-anthropic-token inspect"), run.out());
        assertTrue(run.out().contains("[TOKEN]") && run.out().contains("--format") && run.out().contains("Exit codes:"));
    }

    @Test
    void mask_showsFirstFourAndLastFourOnly() {
        assertEquals("AKIA****MPLE", InspectCommand.mask("AKIAIOSFODNN7EXAMPLE"));
        assertEquals("****", InspectCommand.mask("AKIA1234"));
    }
}
