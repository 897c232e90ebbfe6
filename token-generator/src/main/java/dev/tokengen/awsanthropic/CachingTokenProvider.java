package dev.tokengen.awsanthropic;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import software.amazon.awssdk.annotations.ThreadSafe;

/**
 * Supplies a token that stays valid, generating a new one ahead of expiry, in the manner of the AWS SDK's {@code
 * CachedSupplier} behind {@code StsCredentialsProvider}.
 *
 * <pre>{@code
 * CachingTokenProvider tokens = CachingTokenProvider.builder()
 *         .generator(TokenGenerator.builder().region("us-east-1").build())
 *         .build();                                  // prefetch 5 min, stale 1 min before expiry
 * String apiKey = tokens.get();                      // cached; cheap enough to call per request
 * // On a 401 from the service:
 * String fresh = tokens.refresh().value();
 * }</pre>
 *
 * <p>Each token has two points before its {@linkplain Token#expiresAt() effective expiry} (which is earlier than the
 * requested expiry when the credentials behind it expire first):
 * <ul>
 *   <li>Before the <em>prefetch</em> point ({@link Builder#prefetchTime(Duration) prefetchTime} before expiry, moved
 *       later by a random jitter of up to a quarter of the time between prefetch and stale, so that many processes
 *       started together do not refresh together) {@link #get()} returns the cached token: a volatile read and a
 *       clock read, no lock.</li>
 *   <li>Between prefetch and <em>stale</em> ({@link Builder#staleTime(Duration) staleTime} before expiry) one caller
 *       generates a new token while the others keep getting the cached one; with {@link Builder#asyncRefresh(boolean)
 *       asyncRefresh(true)} a background thread generates it and no caller waits. A failed refresh is remembered
 *       and retried on a later call after a backoff (1 second, doubling, at most 1 minute); the cached token is
 *       served meanwhile.</li>
 *   <li>At or after stale, callers wait on one lock, for at most {@link Builder#refreshWait(Duration) refreshWait};
 *       the first generates, the rest re-check and return its token. If generation fails, the callers throw {@link
 *       TokenException} with the failure as its cause. A token inside the stale margin is never returned.</li>
 * </ul>
 * A token whose whole life is shorter than the prefetch time (credentials about to expire) is refreshed halfway to
 * its stale point instead. Credentials are resolved again for every new token, so rotated credentials are used from
 * the next refresh on. Time is read from the generator's {@linkplain TokenGenerator.Builder#clock(Clock) clock}.
 *
 * <p>Nothing is logged and {@link #toString()} shows no token. {@link #close()} stops the background refresh thread
 * (only {@code asyncRefresh(true)} has one); a closed provider keeps working and refreshes on the calling thread.
 *
 * <p>Thread-safe: share one instance between all threads.
 */
@ThreadSafe
public final class CachingTokenProvider implements Supplier<String>, AutoCloseable {
    /** The default {@link Builder#prefetchTime(Duration) prefetch time}: 5 minutes before expiry. */
    public static final Duration DEFAULT_PREFETCH_TIME = Duration.ofMinutes(5);
    /** The default {@link Builder#staleTime(Duration) stale time}: 1 minute before expiry. */
    public static final Duration DEFAULT_STALE_TIME = Duration.ofMinutes(1);
    /** The default {@link Builder#refreshWait(Duration) refresh wait}: 10 seconds. */
    public static final Duration DEFAULT_REFRESH_WAIT = Duration.ofSeconds(10);

    static final long FIRST_BACKOFF_MILLIS = 1_000;
    static final long MAX_BACKOFF_MILLIS = 60_000;

    private final TokenGenerator generator;
    private final Duration expiry;
    private final Duration prefetchTime;
    private final Duration staleTime;
    private final Duration refreshWait;
    private final boolean asyncRefresh;
    private final Clock clock;
    private final long prefetchMillis;
    private final long staleMillis;
    private final long jitterBoundMillis;

    private final ReentrantLock lock = new ReentrantLock();
    private final ThreadPoolExecutor executor;
    private final AtomicBoolean backgroundRefreshQueued = new AtomicBoolean();

    /** The token being served, with its prefetch and stale points; null until the first token. */
    private volatile Cached cached;
    /** Before stale, no refresh is attempted until then (epoch millis); set by a failure. */
    private volatile long retryAtMillis;
    /** Consecutive failed refreshes; guarded by {@link #lock}. */
    private int failures;
    /** Incremented by every failed refresh, so waiters can tell a failure happened while they waited. */
    private volatile long failureCount;
    private volatile RuntimeException lastFailure;
    private volatile boolean closed;

    private CachingTokenProvider(Builder builder, TokenGenerator generator) {
        this.generator = generator;
        this.expiry = builder.expiry != null ? builder.expiry : generator.expiry();
        this.prefetchTime = builder.prefetchTime;
        this.staleTime = builder.staleTime;
        this.refreshWait = builder.refreshWait;
        this.asyncRefresh = builder.asyncRefresh;
        this.clock = generator.clock();
        this.prefetchMillis = prefetchTime.toMillis();
        this.staleMillis = staleTime.toMillis();
        this.jitterBoundMillis = (prefetchMillis - staleMillis) / 4;
        if (asyncRefresh) {
            executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<Runnable>(), r -> {
                Thread thread = new Thread(r, "caching-token-provider-refresh");
                thread.setDaemon(true);
                return thread;
            });
            executor.allowCoreThreadTimeOut(true);
        } else {
            executor = null;
        }
    }

    /**
     * Returns a provider over {@code generator} with the default prefetch (5 minutes) and stale (1 minute) times.
     *
     * @throws NullPointerException if {@code generator} is null
     * @throws IllegalArgumentException if the generator's expiry is not longer than 5 minutes
     */
    public static CachingTokenProvider create(TokenGenerator generator) {
        return builder().generator(generator).build();
    }

    /** Returns a new builder; see its setters for the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a token valid for at least the stale time: the cached one, or a new one when the cached one has
     * reached its prefetch or stale point (see the class description).
     *
     * @throws TokenException if no valid token is cached and a new one cannot be made (the cause says why), or
     *     another caller's refresh did not finish within the refresh wait
     */
    @Override
    public String get() {
        Cached c = cached;
        if (c != null && clock.millis() < c.prefetchAt) {
            return c.value;
        }
        return current().value;
    }

    /**
     * Returns the token {@link #get()} would return, with its region and times.
     *
     * @throws TokenException as {@link #get()} does
     */
    public Token token() {
        Cached c = cached;
        if (c != null && clock.millis() < c.prefetchAt) {
            return c.token;
        }
        return current().token;
    }

    /**
     * Generates a new token now, whatever the state of the cached one, and caches it: for when the service rejected
     * the cached token (a 401). Waits for a refresh in progress first, for at most the refresh wait.
     *
     * @return the new token
     * @throws TokenException if the new token cannot be made (the cached one is kept) or the wait timed out
     */
    public Token refresh() {
        long seen = failureCount;
        lockWithin(seen);
        try {
            return generateOrThrow().token;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the background refresh thread, interrupting a refresh in progress. Later calls still work and refresh
     * on the calling thread. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** How long before expiry a new token is prefetched. */
    public Duration prefetchTime() {
        return prefetchTime;
    }

    /** How long before expiry a token is no longer returned. */
    public Duration staleTime() {
        return staleTime;
    }

    /** Shows the settings and the cached token's expiry, never a token. */
    @Override
    public String toString() {
        Cached c = cached;
        return "CachingTokenProvider{region=" + generator.region() + ", expiry=" + expiry + ", prefetchTime="
                + prefetchTime + ", staleTime=" + staleTime + ", asyncRefresh=" + asyncRefresh + ", expiresAt="
                + (c != null ? c.token.expiresAt() : "none") + ", value=<redacted>}";
    }

    /** Whether the background refresh executor has stopped; for tests. */
    boolean isBackgroundStopped() {
        return executor == null || executor.isTerminated();
    }

    private Cached current() {
        while (true) {
            Cached c = cached;
            long now = clock.millis();
            if (c != null && now < c.prefetchAt) {
                return c;
            }
            if (c == null || now >= c.staleAt) {
                return waitForFresh();
            }
            // Between prefetch and stale: one refresh, nobody waits.
            if (now >= retryAtMillis) {
                if (asyncRefresh && !closed) {
                    refreshInBackground(c);
                } else if (lock.tryLock()) {
                    try {
                        if (cached == c) {
                            generateQuietly();
                        }
                    } finally {
                        lock.unlock();
                    }
                }
            }
            Cached latest = cached;
            if (clock.millis() < latest.staleAt) {
                return latest;
            }
            // The clock passed stale meanwhile: go round and wait like everyone else.
        }
    }

    private Cached waitForFresh() {
        long seen = failureCount;
        lockWithin(seen);
        try {
            Cached c = cached;
            if (c != null && clock.millis() < c.staleAt) {
                return c; // another caller refreshed while we waited
            }
            RuntimeException failure = lastFailure;
            if (failureCount != seen && failure != null) {
                // Another caller just tried and failed: report that instead of trying again at once.
                throw cannotRefresh(failure);
            }
            return generateOrThrow();
        } finally {
            lock.unlock();
        }
    }

    private void lockWithin(long seenFailures) {
        boolean locked;
        try {
            locked = lock.tryLock(refreshWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenException("Interrupted while waiting for a new token.", e);
        }
        if (!locked) {
            RuntimeException failure = failureCount != seenFailures ? lastFailure : null;
            throw new TokenException("Timed out after " + refreshWait + " waiting for another thread to generate a"
                    + " new token: the credential source is slow or stuck.", failure);
        }
    }

    private void refreshInBackground(Cached seen) {
        if (!backgroundRefreshQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    lock.lock();
                    try {
                        if (cached == seen && !closed) {
                            generateQuietly();
                        }
                    } finally {
                        lock.unlock();
                    }
                } finally {
                    backgroundRefreshQueued.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            backgroundRefreshQueued.set(false); // closed meanwhile
        }
    }

    /** Under the lock: generate, or remember the failure and back off. Never throws a RuntimeException. */
    private void generateQuietly() {
        try {
            generate();
        } catch (RuntimeException e) {
            recordFailure(e);
        }
    }

    /** Under the lock: generate, or remember the failure and throw it wrapped. */
    private Cached generateOrThrow() {
        try {
            return generate();
        } catch (RuntimeException e) {
            recordFailure(e);
            throw cannotRefresh(e);
        }
    }

    private Cached generate() {
        Token token = generator.generateToken(expiry);
        long now = clock.millis();
        long expiresAt = token.expiresAt().toEpochMilli();
        long staleAt = expiresAt - staleMillis;
        if (now >= staleAt) {
            throw new TokenException("The new token for access key id " + token.accessKeyId() + " expires at "
                    + token.expiresAt() + ", within the stale time (" + staleTime + ") of now, because the AWS"
                    + " credentials behind it expire then: refresh the credentials.");
        }
        long jitter = jitterBoundMillis > 0 ? ThreadLocalRandom.current().nextLong(jitterBoundMillis) : 0;
        long prefetchAt = expiresAt - prefetchMillis + jitter;
        long halfway = now + (staleAt - now) / 2;
        if (prefetchAt < halfway) {
            prefetchAt = halfway; // a short-lived token: refresh halfway to stale, not on every call
        }
        Cached fresh = new Cached(token, prefetchAt, staleAt);
        cached = fresh;
        failures = 0;
        retryAtMillis = 0;
        lastFailure = null;
        return fresh;
    }

    private void recordFailure(RuntimeException e) {
        failures++;
        long backoff = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(failures - 1, 16));
        retryAtMillis = clock.millis() + backoff;
        lastFailure = e;
        failureCount++;
    }

    private static TokenException cannotRefresh(RuntimeException cause) {
        return new TokenException("Could not generate a new token and the cached one (if any) is within its stale"
                + " time: " + cause.getMessage(), cause);
    }

    /** A token with its prefetch and stale points in epoch milliseconds. Immutable. */
    private static final class Cached {
        final Token token;
        final String value;
        final long prefetchAt;
        final long staleAt;

        Cached(Token token, long prefetchAt, long staleAt) {
            this.token = token;
            this.value = token.value();
            this.prefetchAt = prefetchAt;
            this.staleAt = staleAt;
        }

        @Override
        public String toString() {
            return "Cached{<redacted>}";
        }
    }

    /** Builds a {@link CachingTokenProvider}. Not thread-safe. */
    public static final class Builder {
        private TokenGenerator generator;
        private Duration expiry;
        private Duration prefetchTime = DEFAULT_PREFETCH_TIME;
        private Duration staleTime = DEFAULT_STALE_TIME;
        private Duration refreshWait = DEFAULT_REFRESH_WAIT;
        private boolean asyncRefresh;

        private Builder() {
        }

        /**
         * The generator that makes the tokens: its credentials provider (resolved again for each token), region and
         * clock (the provider reads time from it too).
         *
         * <p>Default: {@link TokenGenerator#create()}, built by {@link #build()}.
         *
         * @throws NullPointerException if {@code generator} is null
         */
        public Builder generator(TokenGenerator generator) {
            this.generator = Objects.requireNonNull(generator, "generator");
            return this;
        }

        /**
         * How long each new token is valid: 1 second to 12 hours, and longer than the prefetch time. The
         * credentials' own expiration still caps it.
         *
         * <p>Default: the generator's {@linkplain TokenGenerator#expiry() expiry} (12 hours unless set).
         *
         * @throws NullPointerException if {@code expiry} is null
         * @throws IllegalArgumentException if {@code expiry} is shorter than 1 second or longer than 12 hours
         */
        public Builder expiry(Duration expiry) {
            TokenGenerator.expirySeconds(expiry);
            this.expiry = expiry;
            return this;
        }

        /**
         * How long before a token's expiry a new one is generated while the cached one is still served. Must be
         * longer than the {@link #staleTime(Duration) stale time}.
         *
         * <p>Default: 5 minutes.
         *
         * @throws NullPointerException if {@code prefetchTime} is null
         * @throws IllegalArgumentException if {@code prefetchTime} is negative
         */
        public Builder prefetchTime(Duration prefetchTime) {
            this.prefetchTime = nonNegative(prefetchTime, "prefetchTime");
            return this;
        }

        /**
         * How long before a token's expiry it is no longer returned: callers then wait for a new one. The least
         * validity a returned token has.
         *
         * <p>Default: 1 minute.
         *
         * @throws NullPointerException if {@code staleTime} is null
         * @throws IllegalArgumentException if {@code staleTime} is negative
         */
        public Builder staleTime(Duration staleTime) {
            this.staleTime = nonNegative(staleTime, "staleTime");
            return this;
        }

        /**
         * Whether the refresh between the prefetch and stale points runs on a background thread (owned by the
         * provider, stopped by {@link CachingTokenProvider#close()}) instead of on one calling thread.
         *
         * <p>Default: false.
         */
        public Builder asyncRefresh(boolean asyncRefresh) {
            this.asyncRefresh = asyncRefresh;
            return this;
        }

        /**
         * How long a caller that needs a new token waits for another caller's refresh to finish before it throws
         * {@link TokenException}.
         *
         * <p>Default: 10 seconds.
         *
         * @throws NullPointerException if {@code refreshWait} is null
         * @throws IllegalArgumentException if {@code refreshWait} is negative
         */
        public Builder refreshWait(Duration refreshWait) {
            this.refreshWait = nonNegative(refreshWait, "refreshWait");
            return this;
        }

        /**
         * Builds the provider. No token is generated until the first call.
         *
         * @throws IllegalArgumentException if the prefetch time is not longer than the stale time, or the expiry is
         *     not longer than the prefetch time
         * @throws TokenException if no generator is set and {@link TokenGenerator#create()} finds no region
         */
        public CachingTokenProvider build() {
            if (prefetchTime.compareTo(staleTime) <= 0) {
                throw new IllegalArgumentException("prefetchTime must be longer than staleTime, got prefetchTime "
                        + prefetchTime + " and staleTime " + staleTime);
            }
            TokenGenerator source = generator != null ? generator : TokenGenerator.create();
            Duration tokenExpiry = expiry != null ? expiry : source.expiry();
            if (tokenExpiry.compareTo(prefetchTime) <= 0) {
                throw new IllegalArgumentException("expiry must be longer than prefetchTime, got expiry "
                        + tokenExpiry + " and prefetchTime " + prefetchTime);
            }
            return new CachingTokenProvider(this, source);
        }

        private static Duration nonNegative(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + value);
            }
            return value;
        }
    }
}
