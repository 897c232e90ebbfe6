package dev.tokengen.awsanthropic.benchmarks;

import dev.tokengen.awsanthropic.TokenGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * This library: the static {@code TokenGenerator.getToken(credentials, region, expiry)} with basic and with session
 * credentials, and an instance {@code getToken()} over a {@link StaticCredentialsProvider} holding the session
 * credentials. Every call signs afresh (the day's signing key is cached inside the presigner, as in real use).
 *
 * <p>Thread-safe as JMH uses it: the state is read-only.
 */
public class LibraryBenchmark {

    /** A generator built once, as an application would hold it. */
    @State(Scope.Benchmark)
    public static class Instance {
        TokenGenerator generator;

        @Setup
        public void setUp(Inputs in) {
            generator = TokenGenerator.builder()
                    .credentialsProvider(StaticCredentialsProvider.create(in.session))
                    .region(in.region)
                    .expiry(in.expiry)
                    .build();
        }
    }

    @Benchmark
    public String staticBasic(Inputs in) {
        return TokenGenerator.getToken(in.basic, in.region, in.expiry);
    }

    @Benchmark
    public String staticSession(Inputs in) {
        return TokenGenerator.getToken(in.session, in.region, in.expiry);
    }

    @Benchmark
    public String instanceSession(Instance instance) {
        return instance.generator.getToken();
    }
}
