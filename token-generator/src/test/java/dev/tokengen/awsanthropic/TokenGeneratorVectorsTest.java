package dev.tokengen.awsanthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Every shared vector from the Python package's signing engine, reproduced byte for byte. */
class TokenGeneratorVectorsTest {

    @Test
    void allTwentySharedVectorsAreLoaded() {
        assertEquals(20, TestVector.all().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.tokengen.awsanthropic.TestVector#all")
    void generatorReproducesTheVector(TestVector v) {
        TokenGenerator generator = TokenGenerator.builder()
                .credentialsProvider(StaticCredentialsProvider.create(v.credentials()))
                .region(v.region())
                .clock(Clock.fixed(v.signingTime(), ZoneOffset.UTC))
                .build();

        Token token = generator.generateToken(Duration.ofSeconds(v.expiresSeconds()));

        assertEquals(v.presignedUrl() + "&Version=1", new String(Base64.getDecoder().decode(
                token.value().substring("aws-external-anthropic-api-key-".length())), StandardCharsets.UTF_8));
        assertEquals(v.token(), token.value());
        assertEquals(v.signingTime(), token.issuedAt());
        assertEquals(v.signingTime().plusSeconds(v.expiresSeconds()), token.expiresAt());
        assertEquals(v.region(), token.region());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.tokengen.awsanthropic.TestVector#all")
    void parseReadsBackWhatTheVectorSays(TestVector v) {
        Token token = Token.parse(v.token());

        assertEquals(v.region(), token.region());
        assertEquals(v.accessKeyId(), token.accessKeyId());
        assertEquals(v.sessionToken() != null, token.hasSessionToken());
        assertEquals(v.signingTime(), token.issuedAt());
        assertEquals(v.signingTime().plusSeconds(v.expiresSeconds()), token.expiresAt());
        assertEquals(v.token(), token.value());
    }
}
