package dev.tokengen.awsanthropic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bin/aws-external-anthropic-token} as a real process, as Claude Code's apiKeyHelper would: credentials in
 * the environment, nothing else of AWS. Runs in the integration-test phase, after the shaded jar is packaged.
 */
class LauncherIT {
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String SESSION = "IQoJb3JpZ2luX2VjEXAMPLELauncherSessionToken0123456789";

    @TempDir
    Path home;

    record Result(int exitCode, String out, String err) {
    }

    Result launch(String stdin, String... args) throws IOException, InterruptedException {
        Path launcher = Paths.get("..", "bin", "aws-external-anthropic-token").toAbsolutePath().normalize();
        String[] command = new String[args.length + 1];
        command[0] = launcher.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.equals("ANTHROPIC_AWS_API_KEY"));
        env.put("HOME", home.toString());
        env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", SECRET);
        env.put("AWS_SESSION_TOKEN", SESSION);
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        Path out = home.resolve("out");
        Path err = home.resolve("err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the launcher finished");
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void launcher_printsExactlyOneTokenLineWhoseInspectShowsRegionAndExpiry() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        Result mint = launch("", "--region", "ap-northeast-1", "--expiry", "45m");
        assertEquals(0, mint.exitCode(), mint.err());
        assertTrue(mint.out().matches("aws-external-anthropic-api-key-[A-Za-z0-9+/=]+\n"), mint.out());
        assertEquals("", mint.err(), "nothing on stderr: no SLF4J warning, no JVM or CDS message");

        Result inspect = launch(mint.out(), "inspect", "--format", "json");
        assertEquals(0, inspect.exitCode(), inspect.err());
        String json = inspect.out();
        assertTrue(json.contains("\"region\":\"ap-northeast-1\""), json);
        assertTrue(json.contains("\"sessionToken\":true"), json);
        Instant issuedAt = Instant.parse(field(json, "issuedAt"));
        Instant expiresAt = Instant.parse(field(json, "expiresAt"));
        assertEquals(Duration.ofMinutes(45), Duration.between(issuedAt, expiresAt));
        assertFalse(issuedAt.isBefore(before), json);

        for (Result result : new Result[] {mint, inspect}) {
            assertFalse((result.out() + result.err()).contains(SECRET), "secret key on an output stream");
            assertFalse((result.out() + result.err()).contains(SESSION), "session token on an output stream");
        }
    }

    @Test
    void launcher_passesTheExitCodeOfAUsageError() throws Exception {
        Result result = launch("", "--region", "us-east-1", "--expiry", "13h");
        assertEquals(2, result.exitCode());
        assertEquals("", result.out());
        assertTrue(result.err().contains("expiry must be between 1 second and 12 hours"), result.err());
    }

    private static String field(String json, String name) {
        int start = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }
}
