package dev.tokengen.awsanthropic.benchmarks;

import dev.tokengen.awsanthropic.CachingTokenProvider;
import dev.tokengen.awsanthropic.TokenGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@link CachingTokenProvider#get()} on a hit (a 12-hour token, far from its prefetch point), from one thread and
 * from 16 threads sharing one provider: the cost an application pays per request.
 *
 * <p>Thread-safe as JMH uses it: the provider is shared, as in an application.
 */
public class CachingTokenProviderBenchmark {

    /** One provider for all threads, holding a token before the first measurement. */
    @State(Scope.Benchmark)
    public static class Provider {
        CachingTokenProvider provider;

        @Setup
        public void setUp(Inputs in) {
            provider = CachingTokenProvider.create(TokenGenerator.builder()
                    .credentialsProvider(StaticCredentialsProvider.create(in.session))
                    .region(in.region)
                    .expiry(in.expiry)
                    .build());
            provider.get();
        }

        @TearDown
        public void tearDown() {
            provider.close();
        }
    }

    @Benchmark
    public String hit(Provider p) {
        return p.provider.get();
    }

    @Benchmark
    @Threads(16)
    public String hit16Threads(Provider p) {
        return p.provider.get();
    }
}
