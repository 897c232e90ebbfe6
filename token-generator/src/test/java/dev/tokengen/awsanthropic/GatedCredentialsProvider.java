package dev.tokengen.awsanthropic;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * A credentials provider that counts its calls, records the threads that made them, answers with whatever the test
 * sets, and can hold callers at a gate until the test opens it.
 */
final class GatedCredentialsProvider implements AwsCredentialsProvider {
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private volatile Supplier<AwsCredentials> answer = () -> AwsBasicCredentials.create("AKIDFIRST", SECRET);
    private volatile Semaphore gate;
    private final Semaphore entered = new Semaphore(0);
    final AtomicInteger interrupted = new AtomicInteger();

    @Override
    public AwsCredentials resolveCredentials() {
        calls.incrementAndGet();
        threads.add(Thread.currentThread().getName());
        entered.release();
        Semaphore g = gate;
        if (g != null) {
            try {
                g.acquire();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted at the gate");
            }
        }
        return answer.get();
    }

    void answer(Supplier<AwsCredentials> answer) {
        this.answer = answer;
    }

    /** From now on callers wait until {@link #open(int)}. */
    void close() {
        gate = new Semaphore(0);
    }

    /** Lets {@code permits} waiting or future callers through. */
    void open(int permits) {
        gate.release(permits);
    }

    /** Lets everyone through from now on. */
    void remove() {
        Semaphore g = gate;
        gate = null;
        if (g != null) {
            g.release(1000);
        }
    }

    void awaitEntered() throws InterruptedException {
        if (!entered.tryAcquire(5, TimeUnit.SECONDS)) {
            throw new AssertionError("nobody called the credentials provider");
        }
    }

    void drainEntered() {
        entered.drainPermits();
    }

    int calls() {
        return calls.get();
    }

    List<String> threads() {
        return threads;
    }
}
