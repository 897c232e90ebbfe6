package dev.tokengen.awsanthropic.cli;

import dev.tokengen.awsanthropic.Token;
import dev.tokengen.awsanthropic.TokenException;
import dev.tokengen.awsanthropic.TokenGenerator;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
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
@Command(name = Main.NAME, mixinStandardHelpOptions = true, versionProvider = Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Prints a short-term bearer token for Claude Platform on AWS (aws-external-anthropic), signed"
                + " with your AWS credentials.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  failure: no credentials, no region, malformed or expired token",
            "  2  usage error: unknown option, bad value"})
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

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region such as us-east-1. Default: aws.region, AWS_REGION, AWS_DEFAULT_REGION, the"
                    + " profile's region.")
    String region;

    @Option(names = "--profile", paramLabel = "PROFILE",
            description = "Profile of ~/.aws/config and ~/.aws/credentials to sign with (static keys, SSO,"
                    + " assume-role, credential_process). Default: the default credential chain.")
    String profile;

    @Option(names = "--expiry", paramLabel = "DURATION", converter = Expiry.class,
            description = "How long the token is valid, 1s to 12h: 90s, 15m, 1h30m, 12h, seconds, or PT1H."
                    + " Default: 12h (capped by the credentials' own expiry).")
    Duration expiry;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "token (default: the token and a newline), json, or env (export ANTHROPIC_AWS_API_KEY=...).")
    Format format = Format.token;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

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
        TokenGenerator.Builder builder = TokenGenerator.builder().clock(clock);
        try {
            if (region != null) {
                builder.region(region);
            }
        } catch (IllegalArgumentException e) {
            throw invalid("--region", e);
        }
        try {
            if (expiry != null) {
                builder.expiry(expiry);
            }
        } catch (IllegalArgumentException e) {
            throw invalid("--expiry", e);
        }
        try {
            if (profile != null) {
                builder.profile(profile);
            }
        } catch (IllegalArgumentException e) {
            throw invalid("--profile", e);
        }
        if (profile == null) {
            builder.credentialsProvider(credentialsProvider != null ? credentialsProvider
                    : new DefaultCredentials());
        }
        Token token;
        try {
            token = builder.build().generateToken();
        } catch (IllegalArgumentException e) {
            // The region from the environment or profile is not a region, or the credentials are unusable.
            throw new TokenException(e.getMessage() + "; fix your AWS region or credentials settings.", e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(render(token, format));
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
