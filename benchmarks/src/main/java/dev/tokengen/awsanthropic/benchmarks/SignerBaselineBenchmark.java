package dev.tokengen.awsanthropic.benchmarks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.openjdk.jmh.annotations.Benchmark;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/**
 * Baseline: a token made by presigning through the SDK's {@link AwsV4HttpSigner} step by step as the official
 * generator 1.0.0 does (read from its bytecode): build the {@code POST https://aws-external-anthropic.amazonaws.com/
 * ?Action=CallWithBearerToken} request with a {@code host} header, sign it with the query-string auth location and
 * the expiration, strip {@code https://}, append {@code &Version=1}, Base64 it and add the prefix. It is compiled
 * here against the build's SDK, so it shows the signer's own cost without the official jar around it.
 *
 * <p>Thread-safe as JMH uses it: the state is read-only.
 */
public class SignerBaselineBenchmark {

    @Benchmark
    public String basic(Inputs in) {
        return token(in.basic, in.region, in.expiry);
    }

    @Benchmark
    public String session(Inputs in) {
        return token(in.session, in.region, in.expiry);
    }

    static String token(AwsCredentialsIdentity credentials, Region region, Duration expiry) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .protocol("https")
                .host("aws-external-anthropic.amazonaws.com")
                .encodedPath("/")
                .appendHeader("host", "aws-external-anthropic.amazonaws.com")
                .putRawQueryParameter("Action", "CallWithBearerToken")
                .build();
        SignRequest<AwsCredentialsIdentity> sign = SignRequest.builder(credentials)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "aws-external-anthropic")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expiry)
                .request(request)
                .build();
        URI uri = AwsV4HttpSigner.create().sign(sign).request().getUri();
        String url = uri.toString();
        if (url.startsWith("https://")) {
            url = url.substring("https://".length());
        }
        return "aws-external-anthropic-api-key-"
                + Base64.getEncoder().encodeToString((url + "&Version=1").getBytes(StandardCharsets.UTF_8));
    }
}
