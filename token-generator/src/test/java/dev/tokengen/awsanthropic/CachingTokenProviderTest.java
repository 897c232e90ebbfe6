package dev.tokengen.awsanthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

class CachingTokenProviderTest {
    static final Instant START = Instant.parse("2026-11-27T12:00:00Z");
    static final Duration EXPIRY = Duration.ofHours(1);
    /** The latest the jittered prefetch point can be with the defaults: 5 min - (5 min - 1 min) / 4 = 4 min. */
    static final Duration LATEST_PREFETCH = Duration.ofMinutes(4);

    final MutableClock clock = new MutableClock(START);
    final GatedCredentialsProvider credentials = new GatedCredentialsProvider();
    final List<CachingTokenProvider> opened = new ArrayList<>();

    @AfterEach
    void closeProviders() {
        credentials.remove();
        opened.forEach(CachingTokenProvider::close);
    }

    TokenGenerator generator(Clock clock) {
        return TokenGenerator.builder().credentialsProvider(credentials).region("us-east-1").expiry(EXPIRY)
                .clock(clock).build();
    }

    CachingTokenProvider.Builder builder() {
        return CachingTokenProvider.builder().generator(generator(clock));
    }

    CachingTokenProvider open(CachingTokenProvider.Builder builder) {
        CachingTokenProvider provider = builder.build();
        opened.add(provider);
        return provider;
    }

    /** A time after the (jittered) prefetch point and before the stale point of {@code token}. */
    static Instant inPrefetchWindow(Token token) {
        return token.expiresAt().minus(LATEST_PREFETCH).plusSeconds(1);
    }

    /** A time after the stale point of {@code token}, before its expiry. */
    static Instant afterStale(Token token) {
        return token.expiresAt().minusSeconds(30);
    }

    static void assertFreshAt(Instant now, String value) {
        Token token = Token.parse(value);
        assertTrue(!token.issuedAt().isAfter(now), "token issued in the future");
        assertTrue(token.timeLeft(now).compareTo(CachingTokenProvider.DEFAULT_STALE_TIME) > 0,
                "token returned inside the stale margin: " + token + " at " + now);
    }

    @Test
    void readmeExample_works() {
        AwsCredentialsProvider credentialsProvider = credentials;
        // README: CachingTokenProvider
        try (CachingTokenProvider tokens = CachingTokenProvider.builder()
                .generator(TokenGenerator.builder()
                        .credentialsProvider(credentialsProvider)
                        .region("us-east-1")
                        .build())
                .prefetchTime(Duration.ofMinutes(5))   // Default: 5 minutes before expiry
                .staleTime(Duration.ofMinutes(1))      // Default: 1 minute before expiry
                .asyncRefresh(true)                    // Default: false (one caller refreshes)
                .build()) {
            String apiKey = tokens.get();              // cached: a volatile read and a clock read
            Token token = tokens.token();              // the same token, with its region and expiresAt
            Token fresh = tokens.refresh();            // after a 401 from the service: a new token now
            // README end
            assertEquals(token.value(), apiKey);
            assertEquals("us-east-1", token.region());
            assertEquals(fresh.value(), tokens.get());
            assertEquals(2, credentials.calls());
        }
    }

    @Test
    void beforeThePrefetchPoint_theCachedTokenIsReturnedWithoutGenerating() {
        CachingTokenProvider provider = open(builder());
        String first = provider.get();
        Token token = provider.token();
        clock.set(token.expiresAt().minus(CachingTokenProvider.DEFAULT_PREFETCH_TIME).minusMillis(1));

        for (int i = 0; i < 1000; i++) {
            assertSame(first, provider.get());
        }
        assertEquals(1, credentials.calls());
        assertEquals(START.plus(EXPIRY), token.expiresAt());
    }

    @Test
    void sixtyFourThreadsAcrossSeveralExpiryWindows_generateExactlyOncePerWindowAndNeverReturnAStaleToken()
            throws Exception {
        CachingTokenProvider provider = open(builder());
        int threads = 64;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            provider.get();
            int windows = 10;
            for (int window = 0; window < windows; window++) {
                Token before = provider.token();
                // Alternate: inside the prefetch window (one refreshes, others served), past stale (all wait).
                Instant now = window % 2 == 0 ? inPrefetchWindow(before) : afterStale(before);
                clock.set(now);
                int callsBefore = credentials.calls();
                CyclicBarrier barrier = new CyclicBarrier(threads);
                Set<String> seen = ConcurrentHashMap.newKeySet();
                List<Future<?>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    results.add(pool.submit(() -> {
                        barrier.await();
                        for (int i = 0; i < 200; i++) {
                            seen.add(provider.get());
                        }
                        return null;
                    }));
                }
                for (Future<?> result : results) {
                    result.get(30, TimeUnit.SECONDS);
                }
                assertEquals(callsBefore + 1, credentials.calls(), "generations in window " + window);
                for (String value : seen) {
                    assertFreshAt(now, value);
                }
                assertTrue(seen.contains(provider.get()), "the new token was served");
                assertNotEquals(before, provider.token(), "window " + window + " produced a new token");
                if (window % 2 == 1) {
                    assertEquals(1, seen.size(), "past stale every caller got the new token");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void atTheStalePoint_theCachedTokenIsNeverReturned() {
        CachingTokenProvider provider = open(builder());
        Token first = provider.token();
        clock.set(first.expiresAt().minus(CachingTokenProvider.DEFAULT_STALE_TIME));

        Token second = provider.token();

        assertNotEquals(first, second);
        assertEquals(2, credentials.calls());
        assertFreshAt(clock.instant(), second.value());
    }

    @Test
    void aFailedRefreshBeforeStale_keepsServingTheCachedTokenAndRetriesAfterABackoff() {
        CachingTokenProvider provider = open(builder());
        String first = provider.get();
        clock.set(inPrefetchWindow(provider.token()));
        credentials.answer(() -> {
            throw SdkClientException.create("credential source down");
        });

        assertEquals(first, provider.get());
        assertEquals(2, credentials.calls());
        assertEquals(first, provider.get());
        assertEquals(2, credentials.calls(), "no retry inside the backoff");

        clock.advance(Duration.ofMillis(CachingTokenProvider.FIRST_BACKOFF_MILLIS));
        assertEquals(first, provider.get());
        assertEquals(3, credentials.calls(), "retried after the first backoff");
        clock.advance(Duration.ofMillis(CachingTokenProvider.FIRST_BACKOFF_MILLIS));
        assertEquals(first, provider.get());
        assertEquals(3, credentials.calls(), "the backoff doubled");
        clock.advance(Duration.ofMillis(CachingTokenProvider.FIRST_BACKOFF_MILLIS));

        credentials.answer(() -> AwsBasicCredentials.create("AKIDFIRST", GatedCredentialsProvider.SECRET));
        String second = provider.get();
        assertNotEquals(first, second);
        assertEquals(4, credentials.calls());
    }

    @Test
    void aFailedRefreshAtStale_throwsTokenExceptionWithTheCause() {
        CachingTokenProvider provider = open(builder());
        provider.get();
        clock.set(afterStale(provider.token()));
        SdkClientException down = SdkClientException.create("credential source down");
        credentials.answer(() -> {
            throw down;
        });

        TokenException e = assertThrows(TokenException.class, provider::get);

        assertTrue(causes(e).contains(down), "the SDK failure is in the cause chain");
        assertFalse(e.getMessage().contains(GatedCredentialsProvider.SECRET));
        assertThrows(TokenException.class, provider::token, "still no stale token on the next call");
    }

    @Test
    void credentialsThatAreAlreadyExpired_failLikeAnyRefresh() {
        CachingTokenProvider provider = open(builder());
        String first = provider.get();
        credentials.answer(() -> AwsSessionCredentials.builder().accessKeyId("ASIAEXPIRED")
                .secretAccessKey(GatedCredentialsProvider.SECRET).sessionToken("session-secret")
                .expirationTime(clock.instant().minusSeconds(1)).build());

        clock.set(inPrefetchWindow(provider.token()));
        assertEquals(first, provider.get(), "before stale the cached token is kept");

        clock.set(afterStale(provider.token()));
        TokenException e = assertThrows(TokenException.class, provider::get);
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        assertFalse(e.getMessage().contains("session-secret"));
    }

    @Test
    void credentialsExpiringInsideTheStaleMargin_areRejectedRatherThanServed() {
        CachingTokenProvider provider = open(builder());
        credentials.answer(() -> AwsSessionCredentials.builder().accessKeyId("ASIASHORT")
                .secretAccessKey(GatedCredentialsProvider.SECRET).sessionToken("session-secret")
                .expirationTime(clock.instant().plusSeconds(30)).build());

        TokenException e = assertThrows(TokenException.class, provider::get);

        assertTrue(e.getMessage().contains("stale time"), e.getMessage());
        assertTrue(e.getMessage().contains("ASIASHORT"));
    }

    @Test
    void aRefreshSlowerThanTheRefreshWait_makesOtherCallersThrowInsteadOfWaitingForever() throws Exception {
        CachingTokenProvider provider = open(builder().refreshWait(Duration.ofMillis(100)));
        provider.get();
        clock.set(afterStale(provider.token()));
        credentials.close();
        credentials.drainEntered();
        AtomicReference<String> slow = new AtomicReference<>();
        Thread refresher = new Thread(() -> slow.set(provider.get()));
        refresher.start();
        credentials.awaitEntered();

        long started = System.nanoTime();
        TokenException e = assertThrows(TokenException.class, provider::get);
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertTrue(e.getMessage().contains("Timed out"), e.getMessage());
        assertTrue(waitedMillis >= 90 && waitedMillis < 5_000, "waited " + waitedMillis + " ms");
        credentials.open(1);
        refresher.join(5_000);
        assertFreshAt(clock.instant(), slow.get());
        assertEquals(slow.get(), provider.get(), "the slow refresh's token is cached");
        assertEquals(2, credentials.calls());
    }

    @Test
    void aSlowRefreshInThePrefetchWindow_doesNotHoldUpOtherCallers() throws Exception {
        CachingTokenProvider provider = open(builder());
        String first = provider.get();
        clock.set(inPrefetchWindow(provider.token()));
        credentials.close();
        credentials.drainEntered();
        Thread refresher = new Thread(provider::get);
        refresher.start();
        credentials.awaitEntered();

        for (int i = 0; i < 100; i++) {
            assertEquals(first, provider.get());
        }

        credentials.open(1);
        refresher.join(5_000);
        assertNotEquals(first, provider.get());
        assertEquals(2, credentials.calls());
    }

    @Test
    void refresh_forcesANewTokenEvenBeforeThePrefetchPoint() {
        CachingTokenProvider provider = open(builder());
        String first = provider.get();
        clock.advance(Duration.ofSeconds(1));

        Token refreshed = provider.refresh();

        assertNotEquals(first, refreshed.value());
        assertEquals(refreshed.value(), provider.get());
        assertEquals(2, credentials.calls());
    }

    @Test
    void refresh_whenGenerationFails_throwsAndKeepsTheCachedToken() {
        CachingTokenProvider provider = open(builder());
        String first = provider.get();
        credentials.answer(() -> {
            throw SdkClientException.create("down");
        });

        assertThrows(TokenException.class, provider::refresh);
        assertEquals(first, provider.get());
    }

    @Test
    void credentialsExpiringBeforeTheRequestedExpiry_makeTheTokenRefreshEarlier() {
        Instant credentialsExpiry = START.plus(Duration.ofMinutes(20));
        credentials.answer(() -> AwsSessionCredentials.builder().accessKeyId("ASIATEMP")
                .secretAccessKey(GatedCredentialsProvider.SECRET).sessionToken("session-secret")
                .expirationTime(credentialsExpiry).build());
        CachingTokenProvider provider = open(builder());
        String first = provider.get();
        assertEquals(credentialsExpiry, provider.token().expiresAt());

        clock.set(credentialsExpiry.minus(CachingTokenProvider.DEFAULT_PREFETCH_TIME).minusSeconds(1));
        assertEquals(first, provider.get());
        assertEquals(1, credentials.calls());

        clock.set(credentialsExpiry.minus(LATEST_PREFETCH).plusSeconds(1));
        assertNotEquals(first, provider.get());
        assertEquals(2, credentials.calls(), "refreshed 40 minutes before the 1 hour expiry");
    }

    @Test
    void rotatedCredentials_areUsedFromTheNextRefresh() {
        CachingTokenProvider provider = open(builder());
        assertEquals("AKIDFIRST", provider.token().accessKeyId());
        credentials.answer(() -> AwsBasicCredentials.create("AKIDSECOND", "another/secret/key"));

        clock.advance(Duration.ofMinutes(10));
        assertEquals("AKIDFIRST", provider.token().accessKeyId(), "not before the prefetch point");

        clock.set(inPrefetchWindow(provider.token()));
        assertEquals("AKIDSECOND", provider.token().accessKeyId());
    }

    @Test
    void asyncRefresh_generatesOnABackgroundThreadWhileCallersGetTheCachedToken() throws Exception {
        CachingTokenProvider provider = open(builder().asyncRefresh(true));
        String first = provider.get();
        clock.set(inPrefetchWindow(provider.token()));
        credentials.close();
        credentials.drainEntered();

        for (int i = 0; i < 100; i++) {
            assertEquals(first, provider.get(), "no caller waits for the background refresh");
        }
        credentials.awaitEntered();
        assertEquals(2, credentials.calls(), "one background refresh, however many callers");
        credentials.open(1);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (provider.get().equals(first) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertNotEquals(first, provider.get());
        assertEquals("caching-token-provider-refresh", credentials.threads().get(1));
    }

    @Test
    void close_stopsTheBackgroundRefreshAndLaterRefreshesRunOnTheCaller() throws Exception {
        CachingTokenProvider provider = open(builder().asyncRefresh(true));
        String first = provider.get();
        clock.set(inPrefetchWindow(provider.token()));
        credentials.close();
        credentials.drainEntered();
        assertEquals(first, provider.get());
        credentials.awaitEntered();

        provider.close();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!provider.isBackgroundStopped() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(provider.isBackgroundStopped(), "the refresh thread ended");
        assertEquals(1, credentials.interrupted.get(), "the refresh in progress was interrupted");

        credentials.remove();
        clock.advance(Duration.ofMillis(CachingTokenProvider.MAX_BACKOFF_MILLIS));
        String afterClose = provider.get();
        assertNotEquals(first, afterClose);
        assertEquals(Thread.currentThread().getName(), credentials.threads().get(credentials.calls() - 1));
    }

    @Test
    void prefetchTimeNotLongerThanStaleTime_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder().prefetchTime(Duration.ofMinutes(1)).staleTime(Duration.ofMinutes(1)).build());
        assertEquals("prefetchTime must be longer than staleTime, got prefetchTime PT1M and staleTime PT1M",
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> builder().prefetchTime(Duration.ofSeconds(30)).build());
    }

    @Test
    void expiryNotLongerThanPrefetchTime_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder().expiry(Duration.ofMinutes(5)).build());
        assertEquals("expiry must be longer than prefetchTime, got expiry PT5M and prefetchTime PT5M",
                e.getMessage());
    }

    @Test
    void negativeTimes_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> builder().staleTime(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> builder().prefetchTime(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> builder().refreshWait(Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> builder().generator(null));
    }

    @Test
    void customExpiry_isUsedForEveryToken() {
        CachingTokenProvider provider = open(builder().expiry(Duration.ofMinutes(30)));
        assertEquals(START.plus(Duration.ofMinutes(30)), provider.token().expiresAt());
    }

    @Test
    void prefetchPoints_areJitteredWithinTheirBounds() {
        Set<Instant> refreshedAt = ConcurrentHashMap.newKeySet();
        for (int run = 0; run < 20; run++) {
            MutableClock own = new MutableClock(START);
            CachingTokenProvider provider = CachingTokenProvider.builder().generator(generator(own)).build();
            String first = provider.get();
            own.set(START.plus(EXPIRY).minus(CachingTokenProvider.DEFAULT_PREFETCH_TIME).minusMillis(1));
            // Step a second at a time and note when it refreshes.
            while (provider.get().equals(first)) {
                own.advance(Duration.ofSeconds(1));
            }
            Instant at = own.instant();
            assertTrue(!at.isBefore(START.plus(EXPIRY).minus(CachingTokenProvider.DEFAULT_PREFETCH_TIME)), "" + at);
            assertTrue(!at.isAfter(START.plus(EXPIRY).minus(LATEST_PREFETCH)), "" + at);
            refreshedAt.add(at);
        }
        assertTrue(refreshedAt.size() > 1, "20 providers all refreshed at the same second: no jitter");
    }

    @Test
    void toString_showsNoToken() {
        CachingTokenProvider provider = open(builder());
        String value = provider.get();
        String text = provider.toString();
        assertFalse(text.contains(value));
        assertFalse(text.contains(value.substring(31, 60)));
        assertTrue(text.contains("value=<redacted>"), text);
        assertTrue(text.contains("us-east-1"), text);
    }

    @Test
    void aCachedGet_allocatesNothing() {
        CachingTokenProvider provider = open(CachingTokenProvider.builder().generator(generator(Clock.systemUTC())));
        provider.get();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        AtomicInteger sink = new AtomicInteger();
        for (int i = 0; i < 200_000; i++) {
            sink.addAndGet(provider.get().length());
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 200_000; i++) {
            sink.addAndGet(provider.get().length());
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < 10_000, "200,000 cached gets allocated " + allocated + " bytes");
        assertTrue(sink.get() > 0);
        assertEquals(1, credentials.calls());
    }

    static List<Throwable> causes(Throwable t) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = t; c != null; c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }
}
