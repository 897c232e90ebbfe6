/**
 * The {@code aws-external-anthropic-token} command: mints tokens for Claude Platform on AWS ({@link
 * dev.tokengen.awsanthropic.cli.MintCommand}) and decodes them ({@link dev.tokengen.awsanthropic.cli.InspectCommand}).
 * Not an API: run it through {@code bin/aws-external-anthropic-token} or {@code java -jar}.
 */
package dev.tokengen.awsanthropic.cli;
