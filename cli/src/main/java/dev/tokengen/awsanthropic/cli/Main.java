package dev.tokengen.awsanthropic.cli;

import dev.tokengen.awsanthropic.TokenException;
import dev.tokengen.awsanthropic.internal.Presigner;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Entry point of {@code aws-external-anthropic-token}: exit code 0 on success, 1 when a token cannot be made or is
 * malformed or expired, 2 for a usage error.
 *
 * <pre>{@code
 * java -jar aws-external-anthropic-token.jar --region us-east-1 --format json
 * }</pre>
 *
 * <p>Every error is one line on stderr that says what to do next; {@code --verbose} adds the stack trace.
 */
public final class Main {
    static final String NAME = "aws-external-anthropic-token";

    private Main() {
    }

    /** Runs the command and exits with its exit code. */
    public static void main(String[] args) {
        WarmUp.start();
        System.exit(commandLine(null, Clock.systemUTC(), System.in).execute(args));
    }

    /**
     * The command line with its subcommands and error handling.
     *
     * @param credentialsProvider the credentials to sign with when {@code --profile} is absent; {@code null} for the
     *     default chain
     * @param clock the signing time and the "now" that {@code inspect} compares with
     * @param stdin where {@code inspect} reads a token that is not given as an argument
     */
    static CommandLine commandLine(AwsCredentialsProvider credentialsProvider, Clock clock, InputStream stdin) {
        CommandSpec root = new MintCommand(credentialsProvider, clock).spec;
        root.addSubcommand("inspect", new InspectCommand(clock, stdin).spec);
        CommandLine commandLine = new CommandLine(root);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        Handler handler = new Handler();
        commandLine.setParameterExceptionHandler(handler);
        commandLine.setExecutionExceptionHandler(handler);
        return commandLine;
    }

    /**
     * Loads the JCA's signing classes on a second core while picocli parses the arguments: the CLI's start-up is
     * its speed, and the two are the largest parts of it. A daemon thread, so it never holds up the exit.
     */
    private static final class WarmUp implements Runnable {
        static void start() {
            Thread thread = new Thread(new WarmUp(), "warm-up");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            Presigner.warmUp();
        }
    }

    /** A class, not lambdas: a lambda's bootstrap costs start-up time. */
    private static final class Handler implements IParameterExceptionHandler, IExecutionExceptionHandler {
        @Override
        public int handleParseException(ParameterException e, String[] args) {
            return usageError(e);
        }

        @Override
        public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
            return failure(e, command, parseResult);
        }
    }

    private static int usageError(ParameterException e) {
        CommandLine command = e.getCommandLine();
        String help = command.getCommandSpec().qualifiedName() + " --help";
        String message = e instanceof UnmatchedArgumentException
                ? unmatched(((UnmatchedArgumentException) e).getUnmatched()) : oneLine(e.getMessage());
        command.getErr().println(NAME + ": " + message + " (see '" + help + "')");
        if (e.getCommandLine().getParseResult() != null && verbose(e.getCommandLine().getParseResult())) {
            e.printStackTrace(command.getErr());
        }
        command.getErr().flush();
        return CommandLine.ExitCode.USAGE;
    }

    private static int failure(Exception e, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        if (e instanceof TokenException) {
            err.println(NAME + ": " + oneLine(e.getMessage()));
        } else {
            // A bug or an unexpected environment failure: say so, without echoing anything that may hold a secret.
            err.println(NAME + ": unexpected " + e.getClass().getName() + "; run again with --verbose for details and"
                    + " report it.");
        }
        if (verbose(parseResult)) {
            e.printStackTrace(err);
        }
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    private static boolean verbose(ParseResult parseResult) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Names the unknown options, but not stray values or option values: those may be a secret typed in the wrong
     * place (picocli's own message echoes them all).
     */
    static String unmatched(List<String> args) {
        StringBuilder names = new StringBuilder();
        for (String arg : args) {
            names.append(names.length() == 0 ? "" : ", ")
                    .append(arg.startsWith("-") && arg.length() > 1 ? "'" + arg.split("=", 2)[0] + "'" : "<argument>");
        }
        return "Unknown option or unexpected argument: " + names;
    }

    /** The message on one line, with any token picocli echoed from the arguments redacted. */
    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim()
                .replaceAll("aws-external-anthropic-api-key-[^\\s',\\]]*", "aws-external-anthropic-api-key-<redacted>");
    }
}
