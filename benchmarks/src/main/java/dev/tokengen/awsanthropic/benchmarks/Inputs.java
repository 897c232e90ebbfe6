package dev.tokengen.awsanthropic.benchmarks;

import java.time.Duration;
import java.util.Base64;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;

/**
 * The inputs every token benchmark signs: the same credentials, region and expiry for this library, the official
 * generator and the signer baseline, so the figures compare like with like.
 *
 * <p>Session credentials carry a 1,000-character session token shaped like an STS one (Base64 of opaque bytes, so
 * {@code +}, {@code /} and {@code =} must be percent-encoded), which is what SSO and assume-role users sign with.
 *
 * <p>Thread-safe: immutable after construction.
 */
@State(Scope.Benchmark)
public class Inputs {
    /** The length of a typical STS session token for role credentials. */
    static final int SESSION_TOKEN_LENGTH = 1000;

    final AwsBasicCredentials basic = AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    final AwsSessionCredentials session = AwsSessionCredentials.create("ASIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", sessionToken(SESSION_TOKEN_LENGTH));
    final Region region = Region.US_EAST_1;
    final Duration expiry = Duration.ofHours(12);

    /** A deterministic STS-shaped session token: {@code IQoJb3JpZ2luX2Vj...} then Base64 of seeded random bytes. */
    static String sessionToken(int length) {
        byte[] opaque = new byte[length]; // Base64 of n bytes is longer than n characters
        new SplittableRandom(20261127L).nextBytes(opaque);
        String body = Base64.getEncoder().encodeToString(opaque);
        return ("IQoJb3JpZ2luX2Vj" + body).substring(0, length - 2) + "==";
    }
}
