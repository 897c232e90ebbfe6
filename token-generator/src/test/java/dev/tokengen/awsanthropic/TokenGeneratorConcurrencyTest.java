package dev.tokengen.awsanthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Shared generators used from many threads at once give every thread the token a single thread computes: the
 * presigner's per-thread buffers and its shared signing-key cache (whose 16 slots these inputs make collide) never
 * mix one caller's inputs into another's token.
 */
class TokenGeneratorConcurrencyTest {
    private static final int THREADS = 8;
    private static final int TOKENS_PER_THREAD = 2_000;

    @Test
    void manyThreadsOnSharedGenerators_getExactlyTheSingleThreadedTokens() throws Exception {
        List<TokenGenerator> generators = new ArrayList<>();
        String[] regions = {"us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1", "cn-north-1"};
        for (int i = 0; i < 40; i++) {
            AwsCredentials credentials = i % 2 == 0
                    ? AwsBasicCredentials.create("AKIDEXAMPLE" + i, "secret/" + i)
                    : AwsSessionCredentials.create("ASIAEXAMPLE" + i, "secret/" + i, "session+token/" + i);
            Instant signingTime = Instant.parse("2026-11-27T23:59:58Z").plusSeconds(i % 3); // across midnight
            generators.add(TokenGenerator.builder()
                    .credentialsProvider(StaticCredentialsProvider.create(credentials))
                    .region(regions[i % regions.length])
                    .expiry(Duration.ofSeconds(60 + i))
                    .clock(Clock.fixed(signingTime, ZoneOffset.UTC))
                    .build());
        }
        List<String> expected = new ArrayList<>();
        for (TokenGenerator generator : generators) {
            expected.add(generator.getToken());
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                SplittableRandom random = new SplittableRandom(t);
                Callable<Integer> work = () -> {
                    for (int n = 0; n < TOKENS_PER_THREAD; n++) {
                        int i = random.nextInt(generators.size());
                        assertEquals(expected.get(i), generators.get(i).getToken(), "generator " + i);
                    }
                    return TOKENS_PER_THREAD;
                };
                results.add(pool.submit(work));
            }
            int signed = 0;
            for (Future<Integer> result : results) {
                signed += result.get();
            }
            assertEquals(THREADS * TOKENS_PER_THREAD, signed);
        } finally {
            pool.shutdownNow();
        }
    }
}
