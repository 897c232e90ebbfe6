package dev.tokengen.awsanthropic.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** One in-process run of the command: exit code and both streams. */
record Run(int exitCode, String out, String err) {
    static Run of(AwsCredentialsProvider credentials, Clock clock, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = Main.commandLine(credentials, clock,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int code = command.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    String all() {
        return out + err;
    }

    /** Exactly one line on stderr, no stack trace. */
    boolean oneErrorLine() {
        return err.endsWith("\n") && err.indexOf('\n') == err.length() - 1 && !err.contains("\tat ");
    }
}
