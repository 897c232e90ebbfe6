package dev.tokengen.awsanthropic.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokengen.awsanthropic.Token;
import dev.tokengen.awsanthropic.internal.PresignedUrl;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Checks, without running JMH, that every benchmark does the work its name claims on the shared inputs: each returns
 * a well-formed 12-hour token, and this library, the official generator and the baseline sign the same request, so
 * their figures compare like with like.
 */
class BenchmarkInputsTest {
    private final Inputs in = new Inputs();

    @Test
    void sessionToken_isAThousandCharactersThatNeedPercentEncoding() {
        String token = in.session.sessionToken();
        assertEquals(1000, token.length());
        assertTrue(token.startsWith("IQoJb3JpZ2luX2Vj"));
        assertTrue(token.contains("+") && token.contains("/") && token.endsWith("="), "needs %2B, %2F and %3D");
        assertEquals(token, Inputs.sessionToken(1000), "deterministic");
    }

    @Test
    void libraryBenchmarks_returnTwelveHourTokensForTheirCredentials() {
        LibraryBenchmark bench = new LibraryBenchmark();
        LibraryBenchmark.Instance instance = new LibraryBenchmark.Instance();
        instance.setUp(in);
        assertToken(bench.staticBasic(in), false);
        assertToken(bench.staticSession(in), true);
        assertToken(bench.instanceSession(instance), true);
    }

    @Test
    void officialAndBaselineBenchmarks_returnTwelveHourTokensForTheirCredentials() {
        OfficialGeneratorBenchmark official = new OfficialGeneratorBenchmark();
        SignerBaselineBenchmark baseline = new SignerBaselineBenchmark();
        assertToken(official.staticBasic(in), false);
        assertToken(official.staticSession(in), true);
        assertToken(baseline.basic(in), false);
        assertToken(baseline.session(in), true);
    }

    @Test
    void library_official_andBaseline_signTheSameRequest() {
        LibraryBenchmark ours = new LibraryBenchmark();
        OfficialGeneratorBenchmark official = new OfficialGeneratorBenchmark();
        SignerBaselineBenchmark baseline = new SignerBaselineBenchmark();
        assertSameRequest(() -> ours.staticSession(in), () -> official.staticSession(in));
        assertSameRequest(() -> ours.staticSession(in), () -> baseline.session(in));
        assertSameRequest(() -> ours.staticBasic(in), () -> official.staticBasic(in));
    }

    @Test
    void parseBenchmark_parsesASessionTokenOfTwelveHours() {
        TokenParseBenchmark.Minted minted = new TokenParseBenchmark.Minted();
        minted.setUp(in);
        Token token = new TokenParseBenchmark().parseSession12h(minted);
        assertTrue(token.hasSessionToken());
        assertEquals(Duration.ofHours(12), Duration.between(token.issuedAt(), token.expiresAt()));
        assertEquals(minted.token, token.value());
    }

    private void assertToken(String value, boolean session) {
        Token token = Token.parse(value);
        assertEquals("us-east-1", token.region());
        assertEquals(session, token.hasSessionToken());
        assertEquals(session ? "ASIAIOSFODNN7EXAMPLE" : "AKIAIOSFODNN7EXAMPLE", token.accessKeyId());
        assertEquals(Duration.ofHours(12), Duration.between(token.issuedAt(), token.expiresAt()));
    }

    /** Same parameters and signature when both are signed in the same second (retried across a second boundary). */
    private static void assertSameRequest(Supplier<String> a, Supplier<String> b) {
        for (int attempt = 0; ; attempt++) {
            PresignedUrl left = PresignedUrl.decode(a.get());
            PresignedUrl right = PresignedUrl.decode(b.get());
            if (!left.signedAt().equals(right.signedAt()) && attempt < 3) {
                continue;
            }
            assertEquals(left.signedAt(), right.signedAt());
            assertEquals(new java.util.TreeMap<>(left.parameters()), new java.util.TreeMap<>(right.parameters()));
            assertEquals(left.signature(), right.signature());
            assertNotEquals(null, left.signature());
            return;
        }
    }
}
