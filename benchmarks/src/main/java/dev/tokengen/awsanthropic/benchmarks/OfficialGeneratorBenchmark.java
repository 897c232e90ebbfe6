package dev.tokengen.awsanthropic.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import software.amazon.awsexternalanthropic.token.TokenGenerator;

/**
 * The official Java generator ({@code software.amazon.awsexternalanthropic:token-generator-for-aws-external-anthropic
 * 1.0.0}), its static {@code getToken(AwsCredentials, Region, Duration)} on the same inputs as
 * {@link LibraryBenchmark}.
 *
 * <p>Thread-safe as JMH uses it: the state is read-only.
 */
public class OfficialGeneratorBenchmark {

    @Benchmark
    public String staticBasic(Inputs in) {
        return TokenGenerator.getToken(in.basic, in.region, in.expiry);
    }

    @Benchmark
    public String staticSession(Inputs in) {
        return TokenGenerator.getToken(in.session, in.region, in.expiry);
    }
}
