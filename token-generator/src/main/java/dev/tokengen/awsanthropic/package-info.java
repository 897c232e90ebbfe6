/**
 * Short-term bearer tokens for Claude Platform on AWS.
 *
 * <p>{@link dev.tokengen.awsanthropic.TokenGenerator} mints tokens from AWS credentials,
 * {@link dev.tokengen.awsanthropic.Token} describes one (and decodes one with {@code Token.parse}), and
 * {@link dev.tokengen.awsanthropic.TokenException} is the one exception type of the library.
 */
package dev.tokengen.awsanthropic;
