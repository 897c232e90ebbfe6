package dev.tokengen.awsanthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Every credential source the Python package reaches through boto3, against local fakes on 127.0.0.1 and temp
 * config files: system properties, environment variables, static keys in a profile, credential_process,
 * assume-role and web identity through a fake STS, SSO through a fake portal, container credentials and instance
 * metadata (IMDSv2, credentials and region) through fakes that replace 169.254.170.2 and 169.254.169.254; and the
 * region chain.
 */
class CredentialSourcesTest {
    private static final List<String> PROPERTIES = List.of("aws.accessKeyId", "aws.secretAccessKey",
            "aws.sessionToken", "aws.region", "aws.profile", "aws.configFile", "aws.sharedCredentialsFile",
            "aws.endpointUrlSts", "aws.endpointUrlSso", "aws.webIdentityTokenFile", "aws.roleArn",
            "aws.roleSessionName");
    private static final AwsBasicCredentials STATIC = AwsBasicCredentials.create("AKIASTATIC", "staticSecret");

    @TempDir
    Path dir;
    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void pointAwsFilesAtTempFiles() {
        for (String name : PROPERTIES) {
            saved.put(name, System.getProperty(name));
        }
        System.setProperty("aws.configFile", dir.resolve("config").toString());
        System.setProperty("aws.sharedCredentialsFile", dir.resolve("credentials").toString());
    }

    @AfterEach
    void restoreProperties() {
        saved.forEach(TokenGeneratorTest::restore);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    // ---- what ships ----

    @Test
    void exactlyOneHttpClient_urlConnection_isOnTheClassPath() throws ClassNotFoundException {
        // With apache5 present too, the SDK would silently prefer it over url-connection-client.
        Class.forName("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient");
        for (String absent : List.of("software.amazon.awssdk.http.apache5.Apache5HttpClient",
                "software.amazon.awssdk.http.apache.ApacheHttpClient",
                "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(absent), absent);
        }
    }

    @Test
    void assumeRoleSsoAndWebIdentity_needNothingMoreThanThisLibrary() throws ClassNotFoundException {
        Class.forName("software.amazon.awssdk.services.sts.StsClient");
        Class.forName("software.amazon.awssdk.services.sso.SsoClient");
        Class.forName("software.amazon.awssdk.services.ssooidc.SsoOidcClient");
    }

    // ---- system properties and environment ----

    @Test
    void systemPropertyCredentials_areUsed() {
        System.setProperty("aws.accessKeyId", "AKIASYSPROP");
        System.setProperty("aws.secretAccessKey", "sysPropSecret");
        System.setProperty("aws.sessionToken", "sysPropSession");
        System.setProperty("aws.region", "eu-central-2");

        Token token = TokenGenerator.create().generateToken();

        assertEquals("AKIASYSPROP", token.accessKeyId());
        assertEquals("eu-central-2", token.region());
        assertTrue(token.hasSessionToken());
        assertEquals("AKIASYSPROP", Token.parse(token.value()).accessKeyId());
    }

    @Test
    void environmentCredentialsAndAwsDefaultRegion_areUsed() throws Exception {
        Map<String, String> out = runChild(Map.of("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENT",
                "AWS_SECRET_ACCESS_KEY", "envSecret", "AWS_SESSION_TOKEN", "envSession",
                "AWS_DEFAULT_REGION", "ap-southeast-4"), List.of());

        assertEquals("AKIAENVIRONMENT", out.get("accessKeyId"));
        assertEquals("ap-southeast-4", out.get("region"));
        assertEquals("true", out.get("sessionToken"));
        assertEquals(Instant.parse(out.get("issuedAt")).plus(12, ChronoUnit.HOURS).toString(), out.get("expiresAt"));
    }

    @Test
    void awsRegionVariable_winsOverAwsDefaultRegion() throws Exception {
        Map<String, String> out = runChild(Map.of("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENT",
                "AWS_SECRET_ACCESS_KEY", "envSecret", "AWS_REGION", "us-west-1", "AWS_DEFAULT_REGION", "eu-west-1"),
                List.of());

        assertEquals("us-west-1", out.get("region"));
        assertEquals("false", out.get("sessionToken"));
    }

    // ---- profiles ----

    @Test
    void staticKeysInTheDefaultProfile_areUsedWithItsRegion() throws IOException {
        write("credentials", "[default]\naws_access_key_id = AKIAPROFILE\naws_secret_access_key = profileSecret\n");
        write("config", "[default]\nregion = sa-east-1\n");

        Token token = TokenGenerator.create().generateToken();

        assertEquals("AKIAPROFILE", token.accessKeyId());
        assertEquals("sa-east-1", token.region());
        assertFalse(token.hasSessionToken());
    }

    @Test
    void namedProfile_givesCredentialsAndRegion_andAnExplicitRegionStillWins() throws IOException {
        write("credentials", "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = s1\n"
                + "[x]\naws_access_key_id = AKIANAMED\naws_secret_access_key = s2\naws_session_token = t2\n");
        write("config", "[default]\nregion = us-east-2\n[profile x]\nregion = ap-south-2\n");

        Token token = TokenGenerator.builder().profile("x").build().generateToken();
        assertEquals("AKIANAMED", token.accessKeyId());
        assertEquals("ap-south-2", token.region());
        assertTrue(token.hasSessionToken());

        TokenGenerator explicit = TokenGenerator.builder().profile("x").region("il-central-1").build();
        assertEquals("il-central-1", explicit.region());
        assertEquals("AKIANAMED", explicit.generateToken().accessKeyId());

        System.setProperty("aws.profile", "x"); // as AWS_PROFILE does
        assertEquals("AKIANAMED", TokenGenerator.create().generateToken().accessKeyId());
    }

    @Test
    void credentialProcessWithExpiration_capsTheTokensExpiry() throws IOException {
        Instant expiration = Instant.now().plus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        Path marker = dir.resolve("calls");
        write("process.json", "{\"Version\":1,\"AccessKeyId\":\"ASIAPROCESS\",\"SecretAccessKey\":\"processSecret\","
                + "\"SessionToken\":\"processSession\",\"Expiration\":\"" + expiration + "\"}");
        write("config", "[profile proc]\nregion = eu-west-2\ncredential_process = sh -c 'echo called >> "
                + marker + "; cat " + dir.resolve("process.json") + "'\n");

        Token token = TokenGenerator.builder().profile("proc").build().generateToken();

        assertEquals("ASIAPROCESS", token.accessKeyId());
        assertTrue(token.hasSessionToken());
        assertEquals(expiration, token.expiresAt());
        assertTrue(token.issuedAt().plus(TokenGenerator.MAX_EXPIRY).isAfter(token.expiresAt()));
        assertTrue(Files.readString(marker).startsWith("called"));
    }

    @Test
    void credentialProcessWithoutExpiration_leavesTheRequestedExpiry() throws IOException {
        write("process.json", "{\"Version\":1,\"AccessKeyId\":\"ASIANOEXPIRY\",\"SecretAccessKey\":\"processSecret\","
                + "\"SessionToken\":\"processSession\"}");
        write("config", "[profile proc]\nregion = eu-west-2\ncredential_process = cat "
                + dir.resolve("process.json") + "\n");

        Token token = TokenGenerator.builder().profile("proc").build().generateToken(Duration.ofHours(3));

        assertEquals("ASIANOEXPIRY", token.accessKeyId());
        assertEquals(token.issuedAt().plus(Duration.ofHours(3)), token.expiresAt()); // Instant.MAX is no expiry
    }

    @Test
    void assumeRoleProfile_getsCredentialsFromSts() throws IOException {
        Instant expiration = Instant.now().plus(45, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        try (FakeAwsServer sts = FakeAwsServer.sts("AssumeRole", "ASIAASSUMED", expiration.toString())) {
            System.setProperty("aws.endpointUrlSts", sts.endpoint());
            write("config", "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/demo\nsource_profile = base\n"
                    + "region = us-west-2\n[profile base]\nregion = us-west-2\n");
            write("credentials", "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = baseSecret\n");

            Token token = TokenGenerator.builder().profile("role").build().generateToken();

            assertEquals("ASIAASSUMED", token.accessKeyId());
            assertEquals("us-west-2", token.region());
            assertTrue(token.hasSessionToken());
            assertEquals(expiration, token.expiresAt());
            FakeAwsServer.Request request = sts.requests().get(0);
            assertEquals("POST", request.method());
            assertTrue(request.body().contains("Action=AssumeRole&"), request.body());
            assertTrue(request.body().contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo"),
                    request.body());
            assertTrue(request.header("Authorization").contains("Credential=AKIABASE/"), request.header("Authorization"));
            assertTrue(request.header("Authorization").contains("/us-west-2/sts/aws4_request"),
                    request.header("Authorization"));
        }
    }

    @Test
    void webIdentityFromSystemProperties_getsCredentialsFromSts() throws IOException {
        Instant expiration = Instant.now().plus(50, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        try (FakeAwsServer sts = FakeAwsServer.sts("AssumeRoleWithWebIdentity", "ASIAWEBIDENTITY",
                expiration.toString())) {
            write("web-identity-token", "eyJ.web-identity.jwt");
            System.setProperty("aws.endpointUrlSts", sts.endpoint());
            System.setProperty("aws.region", "ca-central-1");
            System.setProperty("aws.webIdentityTokenFile", dir.resolve("web-identity-token").toString());
            System.setProperty("aws.roleArn", "arn:aws:iam::123456789012:role/web");
            System.setProperty("aws.roleSessionName", "token-test");

            Token token = TokenGenerator.create().generateToken();

            assertEquals("ASIAWEBIDENTITY", token.accessKeyId());
            assertEquals("ca-central-1", token.region());
            assertEquals(expiration, token.expiresAt());
            String body = sts.requests().get(0).body();
            assertTrue(body.contains("Action=AssumeRoleWithWebIdentity"), body);
            assertTrue(body.contains("WebIdentityToken=eyJ.web-identity.jwt"), body);
            assertTrue(body.contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fweb"), body);
            assertTrue(body.contains("RoleSessionName=token-test"), body);
        }
    }

    @Test
    void webIdentityProfile_getsCredentialsFromSts() throws IOException {
        Instant expiration = Instant.now().plus(50, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        try (FakeAwsServer sts = FakeAwsServer.sts("AssumeRoleWithWebIdentity", "ASIAWIPROFILE",
                expiration.toString())) {
            write("web-identity-token", "eyJ.profile.jwt");
            System.setProperty("aws.endpointUrlSts", sts.endpoint());
            // The SDK builds this STS client from the default region chain, not the profile's region; without a
            // region it calls the global sts.amazonaws.com and ignores the endpoint override.
            System.setProperty("aws.region", "eu-south-1");
            write("config", "[profile wi]\nregion = eu-south-1\nrole_arn = arn:aws:iam::123456789012:role/wi\n"
                    + "web_identity_token_file = " + dir.resolve("web-identity-token") + "\n");

            Token token = TokenGenerator.builder().profile("wi").build().generateToken();

            assertEquals("ASIAWIPROFILE", token.accessKeyId());
            assertEquals("eu-south-1", token.region());
            String body = sts.requests().get(0).body();
            assertTrue(body.contains("Action=AssumeRoleWithWebIdentity"), body);
            assertTrue(body.contains("WebIdentityToken=eyJ.profile.jwt"), body);
        }
    }

    @Test
    void ssoSessionProfile_getsCredentialsFromThePortal_withTheCachedToken() throws Exception {
        long expirationMillis = Instant.now().plus(1, ChronoUnit.HOURS).toEpochMilli();
        try (FakeAwsServer portal = FakeAwsServer.ssoPortal("ASIASSOROLE", expirationMillis)) {
            Path home = Files.createDirectories(dir.resolve("home"));
            Path cache = Files.createDirectories(home.resolve(".aws/sso/cache"));
            String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest("my-sso".getBytes(StandardCharsets.UTF_8)));
            Files.writeString(cache.resolve(sha1 + ".json"), "{\"startUrl\":\"https://example.awsapps.com/start\","
                    + "\"region\":\"us-east-1\",\"accessToken\":\"cached-sso-access-token\","
                    + "\"expiresAt\":\"2099-01-01T00:00:00Z\",\"clientId\":\"client\",\"clientSecret\":\"secret\","
                    + "\"registrationExpiresAt\":\"2099-01-01T00:00:00Z\",\"refreshToken\":\"refresh\"}");
            write("config", "[profile sso]\nsso_session = my-sso\nsso_account_id = 111122223333\n"
                    + "sso_role_name = Demo\nregion = eu-north-1\n[sso-session my-sso]\nsso_region = us-east-1\n"
                    + "sso_start_url = https://example.awsapps.com/start\nsso_registration_scopes = sso:account:access\n");

            // The SDK finds the token cache through the HOME variable (user.home only when HOME is unset).
            Map<String, String> out = runChild(Map.of("HOME", home.toString(),
                    "AWS_CONFIG_FILE", dir.resolve("config").toString(),
                    "AWS_ENDPOINT_URL_SSO", portal.endpoint()), List.of("sso"));

            assertEquals("ASIASSOROLE", out.get("accessKeyId"), out.toString());
            assertEquals("eu-north-1", out.get("region"));
            assertEquals("true", out.get("sessionToken"));
            FakeAwsServer.Request request = portal.requests().get(0);
            assertEquals("GET", request.method());
            assertTrue(request.pathAndQuery().startsWith("/federation/credentials?"), request.pathAndQuery());
            assertTrue(request.pathAndQuery().contains("role_name=Demo"), request.pathAndQuery());
            assertTrue(request.pathAndQuery().contains("account_id=111122223333"), request.pathAndQuery());
            assertEquals("cached-sso-access-token", request.header("x-amz-sso_bearer_token"));
        }
    }

    @Test
    void readmeProfileExample_works() throws IOException {
        write("process.json", "{\"Version\":1,\"AccessKeyId\":\"ASIAREADME\",\"SecretAccessKey\":\"readmeSecret\","
                + "\"SessionToken\":\"readmeSession\"}");
        write("config", "[profile my-role-profile]\nregion = us-east-1\ncredential_process = cat "
                + dir.resolve("process.json") + "\n");

        // README: Profile
        TokenGenerator generator = TokenGenerator.builder()
                .profile("my-role-profile")          // static keys, assume-role, SSO, web identity, credential_process
                .expiry(Duration.ofHours(1))
                .build();
        Token token = generator.generateToken();
        System.out.println(token);                   // Token{region=us-east-1, issuedAt=..., expiresAt=..., value=<redacted>}
        // README end

        assertEquals("ASIAREADME", token.accessKeyId());
        assertEquals(token.issuedAt().plus(Duration.ofHours(1)), token.expiresAt());
        assertTrue(token.toString().endsWith("value=<redacted>}"), token.toString());
    }

    // ---- containers and instance metadata ----

    @Test
    void containerCredentialsFullUri_givesCredentialsWhoseExpirationCapsTheToken() throws Exception {
        Instant expiration = Instant.now().plus(40, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        try (FakeAwsServer container = FakeAwsServer.container("ASIACONTAINER", expiration.toString())) {
            write("empty", "");
            Map<String, String> out = runChild(Map.of(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI", container.endpoint() + "/creds",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN", "container-auth-token",
                    "AWS_CONFIG_FILE", dir.resolve("empty").toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("empty").toString(),
                    "AWS_REGION", "eu-west-1"), List.of());

            assertEquals("ASIACONTAINER", out.get("accessKeyId"), out.toString());
            assertEquals("eu-west-1", out.get("region"));
            assertEquals("true", out.get("sessionToken"));
            assertEquals(expiration.toString(), out.get("expiresAt"));
            assertTrue(Instant.parse(out.get("issuedAt")).plus(TokenGenerator.MAX_EXPIRY).isAfter(expiration));
            assertEquals(1, container.requests().size(), container.requests().toString());
            FakeAwsServer.Request request = container.requests().get(0);
            assertEquals("GET", request.method());
            assertEquals("/creds", request.pathAndQuery());
            assertEquals("container-auth-token", request.header("Authorization"));
        }
    }

    @Test
    void instanceMetadataV2_givesCredentialsAndRegion_withASessionTokenOnEveryRead() throws Exception {
        Instant expiration = Instant.now().plus(50, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        try (FakeAwsServer imds = FakeAwsServer.instanceMetadata("demo-role", "ASIAINSTANCE", expiration.toString(),
                "ap-northeast-2")) {
            // The override replaces 169.254.169.254 for the credentials and the region provider alike.
            Map<String, String> out = runChild(Map.of("AWS_EC2_METADATA_DISABLED", "false",
                    "AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.endpoint()), List.of());

            assertEquals("ASIAINSTANCE", out.get("accessKeyId"), out + " " + imds.requests());
            assertEquals("ap-northeast-2", out.get("region"));
            assertEquals("true", out.get("sessionToken"));
            assertEquals(expiration.toString(), out.get("expiresAt"));
            List<String> reads = new ArrayList<>();
            for (FakeAwsServer.Request request : imds.requests()) {
                if (request.method().equals("PUT")) {
                    assertEquals("/latest/api/token", request.pathAndQuery());
                    assertEquals("21600", request.header("x-aws-ec2-metadata-token-ttl-seconds"));
                } else {
                    assertEquals(FakeAwsServer.IMDS_TOKEN, request.header("x-aws-ec2-metadata-token"),
                            request.pathAndQuery());
                    reads.add(request.pathAndQuery());
                }
            }
            assertEquals(List.of("/latest/dynamic/instance-identity/document",
                    "/latest/meta-data/iam/security-credentials/",
                    "/latest/meta-data/iam/security-credentials/demo-role"), reads, imds.requests().toString());
        }
    }

    // ---- region chain ----

    @Test
    void awsDefaultRegion_isUsedWhenNothingElseIsSet() {
        TokenGenerator g = TokenGenerator.builder().credentialsProvider(StaticCredentialsProvider.create(STATIC))
                .environment(name -> name.equals("AWS_DEFAULT_REGION") ? "ap-northeast-3" : null).build();
        assertEquals("ap-northeast-3", g.region());
        assertEquals("ap-northeast-3", g.generateToken().region());
    }

    @Test
    void regionPrecedence_isExplicitThenAwsRegionThenAwsDefaultRegionThenProfile() throws IOException {
        write("config", "[default]\nregion = me-south-1\n");
        TokenGenerator.Builder b = TokenGenerator.builder().credentialsProvider(StaticCredentialsProvider.create(STATIC));

        assertEquals("me-south-1", b.environment(name -> null).build().region());
        b.environment(name -> name.equals("AWS_DEFAULT_REGION") ? "af-south-1" : null);
        assertEquals("af-south-1", b.build().region());
        System.setProperty("aws.region", "eu-west-3"); // the same tier as AWS_REGION
        assertEquals("eu-west-3", b.build().region());
        assertEquals("us-gov-east-1", b.region("us-gov-east-1").build().region());
    }

    @Test
    void blankAwsDefaultRegion_isSkipped() throws IOException {
        write("config", "[default]\nregion = me-central-1\n");
        TokenGenerator g = TokenGenerator.builder().credentialsProvider(StaticCredentialsProvider.create(STATIC))
                .environment(name -> "  ").build();
        assertEquals("me-central-1", g.region());
    }

    // ---- failures ----

    @Test
    void noCredentials_givesATokenExceptionListingWhatWasTriedAndHowToFix() {
        TokenGenerator g = TokenGenerator.builder().region("us-east-1").build();

        TokenException e = assertThrows(TokenException.class, g::getToken);

        for (String expected : List.of("aws.accessKeyId", "AWS_ACCESS_KEY_ID", "AWS_WEB_IDENTITY_TOKEN_FILE",
                "AWS_PROFILE", "instance metadata", "--profile", "profile(...)", "aws sso login")) {
            assertTrue(e.getMessage().contains(expected), () -> "'" + expected + "' not in: " + e.getMessage());
        }
        assertInstanceOf(SdkException.class, e.getCause());
    }

    @Test
    void missingProfile_givesATokenExceptionNamingIt() {
        TokenGenerator g = TokenGenerator.builder().profile("nowhere").region("us-east-1").build();

        TokenException e = assertThrows(TokenException.class, g::generateToken);

        assertTrue(e.getMessage().contains("'nowhere'") && e.getMessage().contains("aws sso login --profile nowhere"),
                e.getMessage());
        assertInstanceOf(SdkException.class, e.getCause());
    }

    @Test
    void noRegion_givesATokenExceptionListingWhatWasTriedAndHowToFix() {
        TokenException e = assertThrows(TokenException.class, () -> TokenGenerator.builder()
                .credentialsProvider(StaticCredentialsProvider.create(STATIC)).environment(name -> null).build());

        for (String expected : List.of("aws.region", "AWS_REGION", "AWS_DEFAULT_REGION", "default profile",
                "--region", "region(...)", "--profile")) {
            assertTrue(e.getMessage().contains(expected), () -> "'" + expected + "' not in: " + e.getMessage());
        }
        assertInstanceOf(SdkException.class, e.getCause());

        TokenException named = assertThrows(TokenException.class, () -> TokenGenerator.builder().profile("nowhere")
                .environment(name -> null).build());
        assertTrue(named.getMessage().contains("'nowhere'"), named.getMessage());
    }

    // ---- child JVM ----

    /** Runs {@link CredentialChild} in a fresh JVM with only the given AWS variables and returns its output. */
    private Map<String, String> runChild(Map<String, String> env, List<String> args) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", classPath,
                CredentialChild.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        pb.environment().put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        pb.environment().putAll(env);
        pb.directory(dir.toFile());
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM timed out");
        assertEquals(0, process.exitValue(), output);
        Map<String, String> values = new HashMap<>();
        for (String line : output.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

}
