package dev.tokengen.awsanthropic.benchmarks;

import dev.tokengen.awsanthropic.Token;
import dev.tokengen.awsanthropic.TokenGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link Token#parse(String)} of a 12-hour token signed with session credentials (the longest tokens in real use).
 *
 * <p>Thread-safe as JMH uses it: the state is read-only.
 */
public class TokenParseBenchmark {

    /** One token, minted once. */
    @State(Scope.Benchmark)
    public static class Minted {
        String token;

        @Setup
        public void setUp(Inputs in) {
            token = TokenGenerator.getToken(in.session, in.region, in.expiry);
        }
    }

    @Benchmark
    public Token parseSession12h(Minted minted) {
        return Token.parse(minted.token);
    }
}
