package dev.tokengen.awsanthropic.cli;

import dev.tokengen.awsanthropic.Token;
import dev.tokengen.awsanthropic.TokenException;
import dev.tokengen.awsanthropic.internal.Presigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * {@code inspect}: decodes a token and prints what it says (region, service, host, masked access key id, session
 * token present, issued at, expires at, time left), never the token, its signature or its session token.
 *
 * <pre>{@code
 * aws-external-anthropic-token | aws-external-anthropic-token inspect
 * }</pre>
 *
 * <p>Exit code 0 when the token decodes and has not expired, 1 otherwise. One instance serves one invocation; not
 * thread-safe.
 */
final class InspectCommand implements Callable<Integer> {
    /** The output formats of {@code inspect}. */
    enum Format {
        text, json
    }

    private static final int MAX_STDIN = 1 << 20;

    // Programmatic, not annotations: see MintCommand.
    final CommandSpec spec = Specs.command(this, "inspect",
            "Decodes a token and prints its region, service, host, masked access key id, whether it carries a"
                    + " session token, when it was issued and when it expires. Never prints the token, its signature"
                    + " or its session token.",
            "  0  the token decodes and has not expired",
            "  1  the token is malformed or expired",
            "  2  usage error: unknown option, bad value")
            .addPositional(PositionalParamSpec.builder().arity("0..1").paramLabel("TOKEN").type(String.class)
                    .description("The token. Default: read from stdin (also when TOKEN is -).").build())
            .addOption(Specs.option("--format", "FORMAT", Format.class, "text (default) or json."))
            .addOption(Specs.verbose());

    private final Clock clock;
    private final InputStream stdin;

    InspectCommand(Clock clock, InputStream stdin) {
        this.clock = clock;
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        String token = spec.positionalParameters().get(0).getValue();
        Format format = Specs.value(spec, "--format");
        String text = token == null || "-".equals(token) ? readStdin() : token;
        if (text.trim().isEmpty()) {
            throw new TokenException("No token given: pass it as an argument or pipe it to stdin, e.g. `"
                    + Main.NAME + " | " + Main.NAME + " inspect`.");
        }
        Token parsed;
        try {
            parsed = Token.parse(text);
        } catch (TokenException e) {
            throw new TokenException(e.getMessage() + " Check that you passed the whole token, as printed by "
                    + Main.NAME + ".", e);
        }
        Instant now = clock.instant();
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.json ? json(parsed, now) : text(parsed, now));
        out.flush();
        if (parsed.isExpired(now)) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(Main.NAME + ": the token " + expiredAgo(parsed.timeLeft(now).negated())
                    + "; mint a new one.");
            err.flush();
            return 1;
        }
        return 0;
    }

    private String readStdin() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = stdin.read(buffer)) != -1; ) {
                bytes.write(buffer, 0, n);
                if (bytes.size() > MAX_STDIN) {
                    throw new TokenException("Malformed token: stdin holds more than " + MAX_STDIN + " bytes; pass"
                            + " just the token.");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }

    static String text(Token token, Instant now) {
        return "region:        " + token.region() + "\n"
                + "service:       " + Presigner.SERVICE + "\n"
                + "host:          " + Presigner.HOST + "\n"
                + "access key id: " + mask(token.accessKeyId()) + "\n"
                + "session token: " + (token.hasSessionToken() ? "present" : "absent") + "\n"
                + "issued at:     " + token.issuedAt() + "\n"
                + "expires at:    " + token.expiresAt() + "\n"
                + (token.isExpired(now) ? "status:        " + expiredAgo(token.timeLeft(now).negated())
                        : "time left:     " + duration(token.timeLeft(now))) + "\n";
    }

    static String json(Token token, Instant now) {
        JsonWriter json = JsonWriter.create()
                .writeStartObject()
                .writeFieldName("region").writeValue(token.region())
                .writeFieldName("service").writeValue(Presigner.SERVICE)
                .writeFieldName("host").writeValue(Presigner.HOST)
                .writeFieldName("accessKeyId").writeValue(mask(token.accessKeyId()))
                .writeFieldName("sessionToken").writeValue(token.hasSessionToken())
                .writeFieldName("issuedAt").writeValue(token.issuedAt().toString())
                .writeFieldName("expiresAt").writeValue(token.expiresAt().toString())
                .writeFieldName("expired").writeValue(token.isExpired(now))
                .writeFieldName("secondsLeft").writeValue(token.timeLeft(now).getSeconds())
                .writeEndObject();
        return new String(json.getBytes(), StandardCharsets.UTF_8) + "\n";
    }

    /** The first 4 and last 4 characters; shorter ids are masked whole. */
    static String mask(String accessKeyId) {
        if (accessKeyId.length() <= 8) {
            return "****";
        }
        return accessKeyId.substring(0, 4) + "****" + accessKeyId.substring(accessKeyId.length() - 4);
    }

    /** {@code expired 5 minutes ago}; under a minute in seconds. */
    static String expiredAgo(Duration ago) {
        long seconds = ago.getSeconds();
        if (seconds < 60) {
            return "expired " + seconds + (seconds == 1 ? " second" : " seconds") + " ago";
        }
        long minutes = seconds / 60;
        return "expired " + minutes + (minutes == 1 ? " minute" : " minutes") + " ago";
    }

    /** {@code 11h 59m 58s}. */
    static String duration(Duration d) {
        long s = d.getSeconds();
        return (s >= 3600 ? s / 3600 + "h " : "") + (s >= 60 ? s % 3600 / 60 + "m " : "") + s % 60 + "s";
    }
}
