package dev.tokengen.awsanthropic;

import dev.tokengen.awsanthropic.internal.Presigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.annotations.ThreadSafe;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.InstanceProfileRegionProvider;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;

/**
 * Mints short-term bearer tokens for Claude Platform on AWS from AWS credentials: {@code
 * aws-external-anthropic-api-key-} followed by the Base64 of a SigV4-presigned URL, byte for byte what the Python
 * package {@code token-generator-for-aws-external-anthropic} produces for the same inputs and signing time.
 *
 * <pre>{@code
 * // Credentials and region from the default chains (environment, profiles, SSO, containers, instance metadata).
 * String token = TokenGenerator.create().getToken();
 *
 * // A named profile (assume-role, SSO, credential_process, ...) and an explicit region and expiry.
 * TokenGenerator generator = TokenGenerator.builder()
 *         .profile("my-role-profile")
 *         .region("us-east-1")
 *         .expiry(Duration.ofHours(1))
 *         .build();
 * Token token = generator.generateToken();   // value, region, issuedAt, expiresAt
 *
 * // One shot, no instance.
 * String once = TokenGenerator.getToken(credentials, "us-west-2", Duration.ofHours(6));
 * }</pre>
 *
 * <p>A token lives for the requested expiry (1 second to 12 hours, default 12 hours) and never longer than the
 * credentials that signed it: {@link Token#expiresAt()} reports the earlier of the two. Credentials are resolved
 * again for every token, so rotating credentials are picked up; the region is resolved once, by {@link
 * Builder#build()}.
 *
 * <p>Instances are immutable and thread-safe; share one.
 */
@ThreadSafe
public final class TokenGenerator {
    /** The longest expiry a token may have: 12 hours. */
    public static final Duration MAX_EXPIRY = Duration.ofHours(12);
    /** The shortest expiry a token may have: 1 second. */
    public static final Duration MIN_EXPIRY = Duration.ofSeconds(1);

    private final AwsCredentialsProvider credentialsProvider;
    private final String profile;
    private final String region;
    private final Duration expiry;
    private final Clock clock;

    private TokenGenerator(Builder builder, AwsCredentialsProvider credentialsProvider, String region) {
        this.credentialsProvider = credentialsProvider;
        this.profile = builder.profile;
        this.region = region;
        this.expiry = builder.expiry;
        this.clock = builder.clock;
    }

    /**
     * Returns a generator that takes its credentials from the AWS SDK's {@link DefaultCredentialsProvider} and its
     * region from the default chain: the {@code aws.region} system property, {@code AWS_REGION}, {@code
     * AWS_DEFAULT_REGION}, the profile's {@code region}, instance metadata.
     *
     * @throws TokenException if no region is found
     */
    public static TokenGenerator create() {
        return builder().build();
    }

    /** Returns a new builder; see its setters for the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a token signed now with {@code credentials} for {@code region}, valid for {@code expiry}.
     *
     * @param credentials the credentials to sign with; a session token is included when they carry one
     * @param region the AWS region, such as {@code us-east-1}
     * @param expiry 1 second to 12 hours; a fraction of a second is dropped
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the region is not an AWS region, the expiry is out of range, the access key
     *     id is empty or the secret access key is blank
     * @throws TokenException if the credentials have expired
     */
    public static String getToken(AwsCredentialsIdentity credentials, String region, Duration expiry) {
        Objects.requireNonNull(credentials, "credentials");
        return sign(credentials, checkRegion(region), expirySeconds(expiry), Instant.now()).value();
    }

    /**
     * Returns a token signed now with {@code credentials} for {@code region}, valid for {@code expiry}.
     *
     * @see #getToken(AwsCredentialsIdentity, String, Duration)
     */
    public static String getToken(AwsCredentialsIdentity credentials, Region region, Duration expiry) {
        return getToken(credentials, Objects.requireNonNull(region, "region").id(), expiry);
    }

    /**
     * Returns a token valid for this generator's {@linkplain Builder#expiry(Duration) expiry}.
     *
     * @throws TokenException if no credentials can be loaded or they have expired
     */
    public String getToken() {
        return generateToken().value();
    }

    /**
     * Returns a token valid for {@code expiry}.
     *
     * @param expiry 1 second to 12 hours; a fraction of a second is dropped
     * @throws NullPointerException if {@code expiry} is null
     * @throws IllegalArgumentException if {@code expiry} is out of range
     * @throws TokenException if no credentials can be loaded or they have expired
     */
    public String getToken(Duration expiry) {
        return generateToken(expiry).value();
    }

    /**
     * Returns a token valid for this generator's {@linkplain Builder#expiry(Duration) expiry}, with its region and
     * times.
     *
     * @throws TokenException if no credentials can be loaded or they have expired
     */
    public Token generateToken() {
        return generateToken(expiry);
    }

    /**
     * Returns a token valid for {@code expiry}, with its region and times.
     *
     * @param expiry 1 second to 12 hours; a fraction of a second is dropped
     * @throws NullPointerException if {@code expiry} is null
     * @throws IllegalArgumentException if {@code expiry} is out of range
     * @throws TokenException if no credentials can be loaded or they have expired
     */
    public Token generateToken(Duration expiry) {
        long seconds = expirySeconds(expiry);
        return sign(resolveCredentials(), region, seconds, clock.instant());
    }

    /** The region tokens are scoped to. */
    public String region() {
        return region;
    }

    /** The expiry {@link #getToken()} and {@link #generateToken()} use. */
    public Duration expiry() {
        return expiry;
    }

    /** The clock that gives the signing time; {@link CachingTokenProvider} reads time from the same clock. */
    Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "TokenGenerator{region=" + region + ", expiry=" + expiry
                + (profile != null ? ", profile=" + profile : "")
                + ", credentialsProvider=" + credentialsProvider.getClass().getSimpleName() + "}";
    }

    private AwsCredentials resolveCredentials() {
        try {
            return credentialsProvider.resolveCredentials();
        } catch (SdkException e) {
            throw new TokenException(noCredentialsMessage(profile), e);
        }
    }

    static Token sign(AwsCredentialsIdentity credentials, String region, long expirySeconds, Instant now) {
        String accessKeyId = credentials.accessKeyId();
        if (accessKeyId == null || accessKeyId.isEmpty()) {
            throw new IllegalArgumentException("access key id must not be empty");
        }
        String secret = credentials.secretAccessKey();
        if (secret == null || secret.trim().isEmpty()) {
            throw new IllegalArgumentException("secret access key must not be blank (access key id " + accessKeyId
                    + ")");
        }
        Optional<Instant> credentialsExpiry = credentials.expirationTime();
        if (credentialsExpiry.isPresent() && !credentialsExpiry.get().isAfter(now)) {
            throw new TokenException("The AWS credentials for access key id " + accessKeyId + " expired at "
                    + credentialsExpiry.get() + ": refresh them (for SSO, `aws sso login`) and try again.");
        }
        String sessionToken = null;
        if (credentials instanceof AwsSessionCredentialsIdentity) {
            sessionToken = ((AwsSessionCredentialsIdentity) credentials).sessionToken();
            if (sessionToken != null && sessionToken.isEmpty()) {
                sessionToken = null; // as botocore: an empty session token is no session token
            }
        }
        Instant issuedAt = Instant.ofEpochSecond(now.getEpochSecond());
        Instant expiresAt = issuedAt.plusSeconds(expirySeconds);
        if (credentialsExpiry.isPresent() && credentialsExpiry.get().isBefore(expiresAt)) {
            expiresAt = credentialsExpiry.get(); // Instant.MAX (credential_process without Expiration) never is
        }
        String value = Presigner.token(accessKeyId, secret, sessionToken, region, issuedAt.getEpochSecond(),
                expirySeconds);
        return new Token(value, region, accessKeyId, sessionToken != null, issuedAt, expiresAt);
    }

    static long expirySeconds(Duration expiry) {
        Objects.requireNonNull(expiry, "expiry");
        if (expiry.compareTo(MIN_EXPIRY) < 0 || expiry.compareTo(MAX_EXPIRY) > 0) {
            throw new IllegalArgumentException("expiry must be between 1 second and 12 hours, got " + expiry);
        }
        return expiry.getSeconds();
    }

    static String checkRegion(String region) {
        Objects.requireNonNull(region, "region");
        if (!Presigner.isValidRegion(region)) {
            throw new IllegalArgumentException("region must be an AWS region such as us-east-1 (lower-case letters,"
                    + " digits and single hyphens, at most 63 characters), got '" + region + "'");
        }
        return region;
    }

    private static String noCredentialsMessage(String profile) {
        if (profile != null) {
            return "Unable to load AWS credentials from profile '" + profile + "'. Check that the profile exists in"
                    + " the AWS config or credentials file (~/.aws/config, ~/.aws/credentials, or AWS_CONFIG_FILE and"
                    + " AWS_SHARED_CREDENTIALS_FILE) and that its source works: for SSO run"
                    + " `aws sso login --profile " + profile + "`.";
        }
        return "Unable to load AWS credentials. Tried: the aws.accessKeyId/aws.secretAccessKey system properties, the"
                + " AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY environment variables, web identity"
                + " (AWS_WEB_IDENTITY_TOKEN_FILE), the default profile (AWS_PROFILE) in ~/.aws/config and"
                + " ~/.aws/credentials, container credentials and instance metadata. To fix: export"
                + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials),"
                + " or choose a profile with --profile / profile(...) / AWS_PROFILE (for SSO profiles run"
                + " `aws sso login` first).";
    }

    private static String noRegionMessage(String profile) {
        String profileName = profile != null ? "'" + profile + "'" : "the default profile (AWS_PROFILE)";
        return "Unable to find an AWS region. Tried: the aws.region system property, the AWS_REGION and"
                + " AWS_DEFAULT_REGION environment variables, the region of " + profileName + " in ~/.aws/config, and"
                + " instance metadata. To fix: export AWS_REGION=us-east-1 (or your region), pass --region /"
                + " region(...), or add region = ... to the profile (--profile / profile(...)).";
    }

    /**
     * Builds a {@link TokenGenerator}. Every setting has a default, so {@code builder().build()} works wherever the
     * default chains find credentials and a region. Not thread-safe.
     */
    public static final class Builder {
        private AwsCredentialsProvider credentialsProvider;
        private String profile;
        private String region;
        private Duration expiry = MAX_EXPIRY;
        private Clock clock = Clock.systemUTC();
        private Function<String, String> environment = System::getenv;

        private Builder() {
        }

        /**
         * The credentials to sign with, resolved again for every token.
         *
         * <p>Default: the named {@link #profile(String) profile}'s credentials when one is set, else the AWS SDK's
         * {@link DefaultCredentialsProvider} (system properties, environment, web identity, the default profile with
         * static keys, assume-role, SSO or {@code credential_process}, containers, instance metadata).
         *
         * @throws NullPointerException if {@code credentialsProvider} is null
         */
        public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
            this.credentialsProvider = Objects.requireNonNull(credentialsProvider, "credentialsProvider");
            return this;
        }

        /**
         * A named profile of the AWS config and credentials files to take credentials and region from, as {@code
         * boto3.Session(profile_name=...)} does: static keys, assume-role ({@code role_arn} with {@code
         * source_profile}), SSO ({@code sso_session}), web identity or {@code credential_process}. An explicit
         * {@link #region(String) region} or {@link #credentialsProvider credentials provider} still wins.
         *
         * <p>Default: none (the default chains, which honour {@code AWS_PROFILE}).
         *
         * @throws NullPointerException if {@code profile} is null
         * @throws IllegalArgumentException if {@code profile} is blank
         */
        public Builder profile(String profile) {
            Objects.requireNonNull(profile, "profile");
            if (profile.trim().isEmpty()) {
                throw new IllegalArgumentException("profile must not be blank");
            }
            this.profile = profile;
            return this;
        }

        /**
         * The AWS region to scope tokens to, such as {@code us-east-1}.
         *
         * <p>Default: the {@code aws.region} system property, then {@code AWS_REGION}, {@code AWS_DEFAULT_REGION},
         * the profile's {@code region}, instance metadata.
         *
         * @throws NullPointerException if {@code region} is null
         * @throws IllegalArgumentException if {@code region} is not an AWS region (lower-case letters, digits and
         *     single hyphens, such as {@code us-gov-west-1}, at most 63 characters)
         */
        public Builder region(String region) {
            this.region = checkRegion(region);
            return this;
        }

        /**
         * The AWS region to scope tokens to.
         *
         * @see #region(String)
         */
        public Builder region(Region region) {
            return region(Objects.requireNonNull(region, "region").id());
        }

        /**
         * How long tokens from {@link TokenGenerator#getToken()} and {@link TokenGenerator#generateToken()} are
         * valid: 1 second to 12 hours, a fraction of a second dropped. The credentials' own expiration still caps it.
         *
         * <p>Default: 12 hours.
         *
         * @throws NullPointerException if {@code expiry} is null
         * @throws IllegalArgumentException if {@code expiry} is shorter than 1 second or longer than 12 hours
         */
        public Builder expiry(Duration expiry) {
            expirySeconds(expiry);
            this.expiry = expiry;
            return this;
        }

        /**
         * The clock that gives the signing time, for reproducible tokens and tests.
         *
         * <p>Default: {@link Clock#systemUTC()}.
         *
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where environment variables come from; for tests. */
        Builder environment(Function<String, String> environment) {
            this.environment = environment;
            return this;
        }

        /**
         * Builds the generator, resolving the region now; credentials are resolved for each token.
         *
         * @throws TokenException if no region is set and the default chain finds none
         * @throws IllegalArgumentException if the region found is not an AWS region
         */
        public TokenGenerator build() {
            AwsCredentialsProvider provider = credentialsProvider;
            if (provider == null) {
                provider = profile != null
                        ? ProfileCredentialsProvider.builder().profileName(profile).build()
                        : DefaultCredentialsProvider.builder().build();
            }
            return new TokenGenerator(this, provider, region != null ? region : defaultRegion());
        }

        private String defaultRegion() {
            AwsRegionProviderChain chain = new AwsRegionProviderChain(
                    new SystemSettingsRegionProvider(),
                    () -> {
                        String value = environment.apply("AWS_DEFAULT_REGION");
                        return value == null || value.trim().isEmpty() ? null : Region.of(value.trim());
                    },
                    new AwsProfileRegionProvider(null, profile),
                    new InstanceProfileRegionProvider());
            Region found;
            try {
                found = chain.getRegion();
            } catch (SdkException e) {
                throw new TokenException(noRegionMessage(profile), e);
            }
            return checkRegion(found.id());
        }
    }
}
