package dev.tokengen.awsanthropic;

/**
 * Run in a child JVM by {@link CredentialSourcesTest} for what needs a real environment (variables, HOME): prints
 * what the default chains produced, one {@code key=value} per line. Argument: a profile name, or none.
 */
public final class CredentialChild {
    private CredentialChild() {
    }

    public static void main(String[] args) {
        try {
            TokenGenerator.Builder builder = TokenGenerator.builder();
            if (args.length > 0) {
                builder.profile(args[0]);
            }
            Token token = builder.build().generateToken();
            Token parsed = Token.parse(token.value());
            System.out.println("accessKeyId=" + parsed.accessKeyId());
            System.out.println("region=" + parsed.region());
            System.out.println("sessionToken=" + parsed.hasSessionToken());
            System.out.println("issuedAt=" + parsed.issuedAt());
            System.out.println("parsedExpiresAt=" + parsed.expiresAt());
            System.out.println("expiresAt=" + token.expiresAt());
        } catch (RuntimeException e) {
            System.out.println("exception=" + e.getClass().getName() + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
