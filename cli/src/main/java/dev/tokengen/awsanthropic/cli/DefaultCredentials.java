package dev.tokengen.awsanthropic.cli;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;

/**
 * The AWS SDK's default credential chain, with its first two links taken directly: when the {@code
 * aws.accessKeyId}/{@code aws.secretAccessKey} system properties or the {@code AWS_ACCESS_KEY_ID}/{@code
 * AWS_SECRET_ACCESS_KEY} environment variables are set, {@link DefaultCredentialsProvider} would return exactly those,
 * so the command uses them without loading the rest of the chain (profile files, SSO, containers, instance metadata),
 * which costs start-up time on every run. Otherwise the full chain runs. Thread-safe.
 */
final class DefaultCredentials implements AwsCredentialsProvider {
    @Override
    public AwsCredentials resolveCredentials() {
        if (present(System.getProperty("aws.accessKeyId")) && present(System.getProperty("aws.secretAccessKey"))) {
            return SystemPropertyCredentialsProvider.create().resolveCredentials();
        }
        if (present(System.getenv("AWS_ACCESS_KEY_ID")) && present(System.getenv("AWS_SECRET_ACCESS_KEY"))) {
            return EnvironmentVariableCredentialsProvider.create().resolveCredentials();
        }
        return DefaultCredentialsProvider.builder().build().resolveCredentials();
    }

    private static boolean present(String value) {
        return value != null && !value.trim().isEmpty();
    }

    @Override
    public String toString() {
        return "DefaultCredentials";
    }
}
