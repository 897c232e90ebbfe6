package dev.tokengen.awsanthropic.cli;

import dev.tokengen.awsanthropic.Token;
import dev.tokengen.awsanthropic.TokenException;
import dev.tokengen.awsanthropic.TokenGenerator;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * The root command: mints a token and prints it as a bare line, JSON or a shell {@code export}.
 *
 * <pre>{@code
 * aws-external-anthropic-token --region us-east-1 --expiry 1h --format json
 * }</pre>
 *
 * <p>One instance serves one invocation; not thread-safe.
 */
final class MintCommand implements Callable<Integer> {
    /** The output formats of the root command. */
    enum Format {
        /** The token and a newline: Claude Code's {@code apiKeyHelper}, Claude Desktop's credential helper. */
        token,
        /** {@code {"token":...,"region":...,"issuedAt":...,"expiresAt":...}}. */
        json,
        /** {@code export ANTHROPIC_AWS_API_KEY='...'}, for {@code eval "$(...)"}. */
        env
    }

    // Declared through picocli's programmatic API: annotations would cost a reflective proxy per annotation type and
    // tens of milliseconds on every start, and this command's start-up is its speed.
    final CommandSpec spec = Specs.command(this, Main.NAME,
            "Prints a short-term bearer token for Claude Platform on AWS (aws-external-anthropic), signed with your"
                    + " AWS credentials.",
            "  0  success",
            "  1  failure: no credentials, no region, malformed or expired token",
            "  2  usage error: unknown option, bad value")
            .addOption(Specs.option("--region", "REGION", String.class,
                    "AWS region such as us-east-1. Default: the aws.region system property, AWS_REGION,"
                            + " AWS_DEFAULT_REGION, the profile's region."))
            .addOption(Specs.option("--profile", "PROFILE", String.class,
                    "Profile of ~/.aws/config and ~/.aws/credentials to sign with (static keys, SSO, assume-role,"
                            + " credential_process). Default: the default credential chain."))
            .addOption(Specs.option("--expiry", "DURATION", Duration.class,
                    "How long the token is valid, 1s to 12h: 90s, 15m, 1h30m, 12h, a number of seconds, or PT1H."
                            + " Default: 12h, capped by the credentials' own expiry.", new Expiry()))
            .addOption(Specs.option("--format", "FORMAT", Format.class,
                    "token (default: the token and a newline), json (token, region, issuedAt, expiresAt), or env"
                            + " (export ANTHROPIC_AWS_API_KEY=...)."))
            .addOption(Specs.verbose());

    private final AwsCredentialsProvider credentialsProvider;
    private final Clock clock;

    /**
     * @param credentialsProvider the credentials when {@code --profile} is absent; {@code null} for the default chain
     */
    MintCommand(AwsCredentialsProvider credentialsProvider, Clock clock) {
        this.credentialsProvider = credentialsProvider;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        String region = Specs.value(spec, "--region");
        String profile = Specs.value(spec, "--profile");
        Duration expiry = Specs.value(spec, "--expiry");
        Format format = Specs.value(spec, "--format");
        TokenGenerator.Builder builder = TokenGenerator.builder().clock(clock);
        String option = "--region"; // the option whose value the builder is checking, for the usage error
        try {
            if (region != null) {
                builder.region(region);
            }
            option = "--expiry";
            if (expiry != null) {
                builder.expiry(expiry);
            }
            option = "--profile";
            if (profile != null) {
                builder.profile(profile);
            } else {
                builder.credentialsProvider(credentialsProvider != null ? credentialsProvider
                        : new DefaultCredentials());
            }
        } catch (IllegalArgumentException e) {
            throw invalid(option, e);
        }
        Token token;
        try {
            token = builder.build().generateToken();
        } catch (IllegalArgumentException e) {
            // The region from the environment or profile is not a region, or the credentials are unusable.
            throw new TokenException(e.getMessage() + "; fix your AWS region or credentials settings.", e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(render(token, format != null ? format : Format.token));
        out.flush();
        return 0;
    }

    static String render(Token token, Format format) {
        switch (format) {
            case json:
                JsonWriter json = JsonWriter.create()
                        .writeStartObject()
                        .writeFieldName("token").writeValue(token.value())
                        .writeFieldName("region").writeValue(token.region())
                        .writeFieldName("issuedAt").writeValue(token.issuedAt().toString())
                        .writeFieldName("expiresAt").writeValue(token.expiresAt().toString())
                        .writeEndObject();
                return new String(json.getBytes(), StandardCharsets.UTF_8) + "\n";
            case env:
                // A token is Base64 after an ASCII prefix, so it never contains a single quote.
                return "export ANTHROPIC_AWS_API_KEY='" + token.value() + "'\n";
            default:
                return token.value() + "\n";
        }
    }

    private ParameterException invalid(String option, IllegalArgumentException e) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': "
                + e.getMessage(), e);
    }
}
