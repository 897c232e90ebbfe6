package dev.tokengen.awsanthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tokengen.awsanthropic.internal.Presigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Feeds {@link Token#parse(String)} random and mutated inputs from a seeded generator: it must either return a
 * token consistent with its input or throw {@link TokenException}. Any other exception is a bug. Rerun a failure
 * with {@code -Dfuzz.seed=<seed>}.
 */
class TokenParseFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261127L);
    private static final int INPUTS = 100_000;
    private static final String PREFIX = Presigner.TOKEN_PREFIX;

    @Test
    void parseEitherReturnsOrThrowsTokenException() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> seeds = seedTokens(random);
        int parsed = 0;
        int rejected = 0;
        for (int i = 0; i < INPUTS; i++) {
            String input = next(random, seeds, i % 12);
            try {
                Token token = Token.parse(input);
                checkConsistent(token, input);
                parsed++;
            } catch (TokenException e) {
                assertTrue(e.getMessage().startsWith("Malformed token: "), e.getMessage());
                rejected++;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("Token.parse threw " + e + " (seed " + SEED + ", input " + i
                        + ", rerun with -Dfuzz.seed=" + SEED + "): " + escape(input), e);
            }
        }
        System.out.println("TokenParseFuzzTest: seed " + SEED + ", parsed " + parsed + ", rejected " + rejected);
        assertEquals(INPUTS, parsed + rejected);
        // Both outcomes were reached: the mutations are not all trivially fatal or all harmless.
        assertTrue(parsed > INPUTS / 50 && rejected > INPUTS / 2, "parsed " + parsed + ", rejected " + rejected
                + " (seed " + SEED + ")");
    }

    private static void checkConsistent(Token token, String input) {
        if (!token.value().equals(input.trim()) || !Presigner.isValidRegion(token.region())
                || !token.expiresAt().isAfter(token.issuedAt())
                || token.expiresAt().isAfter(token.issuedAt().plus(TokenGenerator.MAX_EXPIRY))
                || token.accessKeyId().isEmpty()) {
            fail("Token.parse returned an inconsistent token " + token + " (seed " + SEED + ") for "
                    + escape(input));
        }
    }

    /** Real tokens of every shape: with and without session tokens, all kinds of regions, expiries and dates. */
    private static List<String> seedTokens(SplittableRandom random) {
        List<String> tokens = new ArrayList<>();
        for (TestVector v : TestVector.all()) {
            tokens.add(v.token());
        }
        String[] regions = {"us-east-1", "us-gov-west-1", "cn-northwest-1", "eu-isoe-west-1", "ap-southeast-5"};
        for (int i = 0; i < 20; i++) {
            String session = random.nextBoolean() ? null : PresignerReferenceTest.Input.printable(random,
                    1 + random.nextInt(300));
            String secret = "secret" + i;
            TokenGenerator generator = TokenGenerator.builder()
                    .credentialsProvider(StaticCredentialsProvider.create(session == null
                            ? AwsBasicCredentials.create("AKIA" + i, secret)
                            : AwsSessionCredentials.create("ASIA" + i, secret, session)))
                    .region(regions[i % regions.length])
                    .clock(Clock.fixed(Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L)), ZoneOffset.UTC))
                    .build();
            tokens.add(generator.getToken(Duration.ofSeconds(1 + random.nextInt(43_200))));
        }
        return tokens;
    }

    private static String next(SplittableRandom random, List<String> seeds, int kind) {
        String token = seeds.get(random.nextInt(seeds.size()));
        switch (kind) {
            case 0: return mutateChars(random, token, 1 + random.nextInt(3));
            case 1: return truncate(random, token);
            case 2: return tokenOf(mutateBytes(random, payload(token), 1 + random.nextInt(3)));
            case 3: return tokenOf(truncateBytes(random, payload(token)));
            case 4: return tokenOf(mutateQuery(random, url(token)));
            case 5: return tokenOf(mutateQuery(random, mutateQuery(random, url(token))));
            case 6: return randomString(random, random.nextInt(200));
            case 7: return PREFIX + randomBase64(random, random.nextInt(400));
            case 8: return tokenOf(randomBytes(random, random.nextInt(400)));
            case 9: return tokenOf(("aws-external-anthropic.amazonaws.com/?" + randomQuery(random))
                    .getBytes(StandardCharsets.UTF_8));
            case 10: return tokenOf(mutateQuery(random, url(token)).replace("%", random.nextBoolean() ? "%%" : "%z"));
            default: return random.nextBoolean() ? token : " \t" + token + "\n";
        }
    }

    // ---- mutations of the Base64 text ----

    private static String mutateChars(SplittableRandom random, String s, int count) {
        StringBuilder b = new StringBuilder(s);
        for (int i = 0; i < count; i++) {
            int at = random.nextInt(b.length() + 1);
            char c = randomChar(random);
            switch (random.nextInt(4)) {
                case 0:
                    if (at < b.length()) {
                        b.setCharAt(at, (char) (b.charAt(at) ^ (1 << random.nextInt(7))));
                    }
                    break;
                case 1: b.insert(at, c); break;
                case 2:
                    if (at < b.length()) {
                        b.deleteCharAt(at);
                    }
                    break;
                default:
                    if (at < b.length()) {
                        b.setCharAt(at, c);
                    }
            }
        }
        return b.toString();
    }

    private static String truncate(SplittableRandom random, String s) {
        return s.substring(0, random.nextInt(s.length() + 1));
    }

    private static char randomChar(SplittableRandom random) {
        switch (random.nextInt(6)) {
            case 0: return (char) random.nextInt(0x20);
            case 1: return (char) (0x80 + random.nextInt(0x780));
            case 2: return "=+/-_%&".charAt(random.nextInt(7));
            case 3: return (char) random.nextInt(0x10000);
            default: return (char) (0x20 + random.nextInt(0x5F));
        }
    }

    // ---- mutations of the decoded bytes ----

    private static byte[] payload(String token) {
        return Base64.getDecoder().decode(token.substring(PREFIX.length()));
    }

    private static String url(String token) {
        return new String(payload(token), StandardCharsets.UTF_8);
    }

    private static String tokenOf(byte[] bytes) {
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    private static String tokenOf(String url) {
        return tokenOf(url.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] mutateBytes(SplittableRandom random, byte[] bytes, int count) {
        byte[] b = bytes;
        for (int i = 0; i < count; i++) {
            int at = random.nextInt(b.length + 1);
            byte value = (byte) random.nextInt(256);
            switch (random.nextInt(3)) {
                case 0:
                    if (at < b.length) {
                        b = b.clone();
                        b[at] ^= (byte) (1 << random.nextInt(8));
                    }
                    break;
                case 1: {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = value;
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                    break;
                }
                default:
                    if (at < b.length) {
                        byte[] shorter = new byte[b.length - 1];
                        System.arraycopy(b, 0, shorter, 0, at);
                        System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                        b = shorter;
                    }
            }
        }
        return b;
    }

    private static byte[] truncateBytes(SplittableRandom random, byte[] bytes) {
        return Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
    }

    private static byte[] randomBytes(SplittableRandom random, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    // ---- mutations of the query ----

    private static final String HEAD = "aws-external-anthropic.amazonaws.com/?";
    private static final String[] NAMES = {"Action", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
        "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Security-Token", "X-Amz-Signature", "Version", "Foo", ""};
    private static final String[] VALUES = {"", "1", "0", "43200", "43201", "-1", "999999999", "9999999999",
        "CallWithBearerToken", "AWS4-HMAC-SHA256", "host", "20240229T235959Z", "20250229T000000Z", "00000101T000000Z",
        "99991231T235959Z", "AKID%2F20240229%2Fus-east-1%2Faws-external-anthropic%2Faws4_request",
        "AKID%2F20240229%2FUS-EAST-1%2Faws-external-anthropic%2Faws4_request", "%2F%2F%2F%2F", "%", "%E2%82", "%C0%80",
        "%00", "=", "&", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "\u00e9", "+", " "};

    private static String mutateQuery(SplittableRandom random, String url) {
        if (!url.startsWith(HEAD)) {
            return url;
        }
        List<String> pairs = new ArrayList<>(Arrays.asList(url.substring(HEAD.length()).split("&", -1)));
        int at = random.nextInt(pairs.size());
        String pair = pairs.get(at);
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        switch (random.nextInt(8)) {
            case 0: pairs.remove(at); break;
            case 1: pairs.add(random.nextInt(pairs.size() + 1), pair); break; // duplicate
            case 2: pairs.set(at, name + "=" + VALUES[random.nextInt(VALUES.length)]); break;
            case 3: pairs.set(at, NAMES[random.nextInt(NAMES.length)] + pair.substring(Math.max(eq, 0))); break;
            case 4: pairs.set(at, name + "=" + randomString(random, random.nextInt(40))); break;
            case 5: pairs.add(random.nextInt(pairs.size() + 1), NAMES[random.nextInt(NAMES.length)] + "="
                    + VALUES[random.nextInt(VALUES.length)]); break;
            case 6: pairs.set(at, eq < 0 ? pair : pair.substring(0, eq + 1 + random.nextInt(pair.length() - eq))); break;
            default: {
                String other = pairs.get(random.nextInt(pairs.size()));
                pairs.set(at, name + other.substring(Math.max(other.indexOf('='), 0)));
            }
        }
        return HEAD + String.join("&", pairs);
    }

    private static String randomQuery(SplittableRandom random) {
        StringBuilder q = new StringBuilder();
        for (int i = 0, n = random.nextInt(12); i < n; i++) {
            q.append(i == 0 ? "" : "&").append(NAMES[random.nextInt(NAMES.length)]).append('=')
                    .append(VALUES[random.nextInt(VALUES.length)]);
        }
        return q.toString();
    }

    // ---- random strings ----

    private static String randomString(SplittableRandom random, int length) {
        StringBuilder s = new StringBuilder(length);
        if (random.nextBoolean()) {
            s.append(PREFIX, 0, random.nextInt(PREFIX.length() + 1));
        }
        for (int i = 0; i < length; i++) {
            s.append(randomChar(random));
        }
        return s.toString();
    }

    private static String randomBase64(SplittableRandom random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.append('"').toString();
    }
}
