/**
 * A test kit for code that uses Claude Platform on AWS tokens: {@link dev.tokengen.awsanthropic.testkit.MockGateway}
 * verifies tokens on 127.0.0.1 the way the service does and answers the Messages API minimally, so clients can be
 * tested end to end without AWS.
 */
package dev.tokengen.awsanthropic.testkit;
