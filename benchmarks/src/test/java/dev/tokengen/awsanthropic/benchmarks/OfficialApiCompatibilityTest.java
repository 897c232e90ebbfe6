package dev.tokengen.awsanthropic.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * A user of the official Java generator only changes the import: every public method of its {@code TokenGenerator}
 * and {@code TokenGenerator.Builder} exists on ours with parameters it accepts and a result of the same type. The
 * official jar is a dependency of this module only.
 */
class OfficialApiCompatibilityTest {
    private static final Class<?> OFFICIAL = software.amazon.awsexternalanthropic.token.TokenGenerator.class;
    private static final Class<?> OURS = dev.tokengen.awsanthropic.TokenGenerator.class;

    @Test
    void everyPublicMethodOfTheOfficialGenerator_existsOnOurs() throws Exception {
        List<String> missing = new ArrayList<>();
        missing.addAll(missing(OFFICIAL, OURS));
        missing.addAll(missing(Class.forName(OFFICIAL.getName() + "$Builder"),
                Class.forName(OURS.getName() + "$Builder")));

        assertTrue(missing.isEmpty(), "not on ours: " + missing);
    }

    @Test
    void codeWrittenForTheOfficialGenerator_compilesAgainstOursWithTheImportChanged() {
        StaticCredentialsProvider provider = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDEXAMPLE", "example/secret"));
        // The same statements, once per class: only the qualified name differs.
        String official = software.amazon.awsexternalanthropic.token.TokenGenerator.builder()
                .credentialsProvider(provider).region(Region.US_EAST_1).expiry(Duration.ofHours(1)).build()
                .getToken();
        String ours = dev.tokengen.awsanthropic.TokenGenerator.builder()
                .credentialsProvider(provider).region(Region.US_EAST_1).expiry(Duration.ofHours(1)).build()
                .getToken();
        String officialStatic = software.amazon.awsexternalanthropic.token.TokenGenerator.getToken(
                AwsBasicCredentials.create("AKIDEXAMPLE", "example/secret"), Region.US_EAST_1, Duration.ofHours(1));
        String oursStatic = dev.tokengen.awsanthropic.TokenGenerator.getToken(
                AwsBasicCredentials.create("AKIDEXAMPLE", "example/secret"), Region.US_EAST_1, Duration.ofHours(1));

        assertEquals(dev.tokengen.awsanthropic.Token.parse(official).region(),
                dev.tokengen.awsanthropic.Token.parse(ours).region());
        assertEquals(dev.tokengen.awsanthropic.Token.parse(officialStatic).expiresAt().getEpochSecond()
                - dev.tokengen.awsanthropic.Token.parse(officialStatic).issuedAt().getEpochSecond(),
                Duration.between(dev.tokengen.awsanthropic.Token.parse(oursStatic).issuedAt(),
                        dev.tokengen.awsanthropic.Token.parse(oursStatic).expiresAt()).getSeconds());
    }

    /** Public methods of {@code official} with no method of the same name on {@code ours} that takes its arguments. */
    private static List<String> missing(Class<?> official, Class<?> ours) {
        List<String> missing = new ArrayList<>();
        for (Method method : official.getDeclaredMethods()) {
            if (!Modifier.isPublic(method.getModifiers()) || method.isSynthetic()) {
                continue;
            }
            if (!hasCounterpart(method, ours)) {
                missing.add(method.toGenericString());
            }
        }
        return missing;
    }

    private static boolean hasCounterpart(Method method, Class<?> ours) {
        for (Method candidate : ours.getMethods()) {
            if (!candidate.getName().equals(method.getName())
                    || Modifier.isStatic(candidate.getModifiers()) != Modifier.isStatic(method.getModifiers())
                    || candidate.getParameterCount() != method.getParameterCount()) {
                continue;
            }
            boolean accepts = true;
            for (int i = 0; i < method.getParameterCount(); i++) {
                accepts &= candidate.getParameterTypes()[i].isAssignableFrom(method.getParameterTypes()[i]);
            }
            if (accepts && sameResult(method.getReturnType(), candidate.getReturnType())) {
                return true;
            }
        }
        return false;
    }

    /** The same type, or the corresponding one of ours where the official method returns one of its own types. */
    private static boolean sameResult(Class<?> official, Class<?> ours) {
        if (official.getName().startsWith(OFFICIAL.getName())) {
            return ours.getName().equals(OURS.getName() + official.getName().substring(OFFICIAL.getName().length()));
        }
        return official.equals(ours);
    }
}
