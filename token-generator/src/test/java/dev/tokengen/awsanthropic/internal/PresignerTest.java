package dev.tokengen.awsanthropic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The presigner's buffers against a plain, string-built SigV4 presign of the same request, for session tokens of
 * every length from none to well past the per-thread buffers' first size, each signed twice.
 */
class PresignerTest {

    @Test
    void everySessionTokenLength_matchesAPlainStringBuiltPresign() throws Exception {
        SplittableRandom random = new SplittableRandom(20261127);
        long epochSecond = 1_795_000_000L;
        for (int length = 0; length <= 3000; length += 1 + random.nextInt(5)) {
            String sessionToken = length == 0 ? null : printable(random, length);
            String token = Presigner.token("ASIAEXAMPLE", "secret/key+" + length, sessionToken, "eu-west-1",
                    epochSecond, 3600);

            String again = Presigner.token("ASIAEXAMPLE", "secret/key+" + length, sessionToken, "eu-west-1",
                    epochSecond + length, 3600); // the same session token again: its cached encoding

            assertEquals(plainToken("ASIAEXAMPLE", "secret/key+" + length, sessionToken, "eu-west-1", epochSecond,
                    3600), token, "session token length " + length);
            assertEquals(plainToken("ASIAEXAMPLE", "secret/key+" + length, sessionToken, "eu-west-1",
                    epochSecond + length, 3600), again, "session token length " + length + ", signed again");
        }
    }

    @Test
    void thePresignersCaches_doNotKeepASecretAlive() throws InterruptedException {
        String secret = new String("short-lived/secret/key".toCharArray());
        String sessionToken = new String("short-lived-session-token".toCharArray());
        Presigner.token("ASIAEXAMPLE", secret, sessionToken, "us-east-1", 1_795_000_000L, 60);
        WeakReference<String> secretGone = new WeakReference<>(secret);
        WeakReference<String> sessionTokenGone = new WeakReference<>(sessionToken);
        secret = null;
        sessionToken = null;

        for (int i = 0; i < 50 && (secretGone.get() != null || sessionTokenGone.get() != null); i++) {
            System.gc();
            Thread.sleep(10);
        }

        assertNull(secretGone.get(), "the secret is still reachable after its last user dropped it");
        assertNull(sessionTokenGone.get(), "the session token is still reachable after its last user dropped it");
    }

    @Test
    void theSigningKeyCache_tellsSecretsRegionsAndDaysApart() throws Exception {
        long day = 1_795_000_000L;
        for (String secret : new String[] {"secret-a", "secret-b"}) {
            for (String region : new String[] {"us-east-1", "eu-west-1"}) {
                for (long time : new long[] {day, day + 86_400}) {
                    assertEquals(plainToken("AKIDEXAMPLE", secret, null, region, time, 60),
                            Presigner.token("AKIDEXAMPLE", secret, null, region, time, 60),
                            secret + " " + region + " " + time);
                }
            }
        }
    }

    private static String plainToken(String accessKeyId, String secret, String sessionToken, String region,
            long epochSecond, long expires) throws Exception {
        LocalDateTime time = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        String amzDate = String.format("%04d%02d%02dT%02d%02d%02dZ", time.getYear(), time.getMonthValue(),
                time.getDayOfMonth(), time.getHour(), time.getMinute(), time.getSecond());
        String scope = amzDate.substring(0, 8) + "/" + region + "/aws-external-anthropic/aws4_request";
        String credential = "X-Amz-Credential=" + encode(accessKeyId + "/" + scope);
        String security = sessionToken == null ? "" : "&X-Amz-Security-Token=" + encode(sessionToken);
        String canonicalQuery = "Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256&" + credential
                + "&X-Amz-Date=" + amzDate + "&X-Amz-Expires=" + expires + security + "&X-Amz-SignedHeaders=host";
        String canonicalRequest = "POST\n/\n" + canonicalQuery + "\nhost:aws-external-anthropic.amazonaws.com\n\nhost\n"
                + hex(MessageDigest.getInstance("SHA-256").digest(new byte[0]));
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(MessageDigest.getInstance("SHA-256").digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        String signature = Presigner.sign(secret, Instant.ofEpochSecond(epochSecond), region, stringToSign);
        String url = "aws-external-anthropic.amazonaws.com/?Action=CallWithBearerToken"
                + "&X-Amz-Algorithm=AWS4-HMAC-SHA256&" + credential + "&X-Amz-Date=" + amzDate + "&X-Amz-Expires="
                + expires + "&X-Amz-SignedHeaders=host" + security + "&X-Amz-Signature=" + signature + "&Version=1";
        return "aws-external-anthropic-api-key-"
                + Base64.getEncoder().encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 0x80 || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String printable(SplittableRandom random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) random.nextInt(0x20, 0x7f));
        }
        return s.toString();
    }
}
