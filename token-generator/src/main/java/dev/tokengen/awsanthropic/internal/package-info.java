/**
 * Internal, may change: the presigner and the token decoder behind the public API. Not for use outside this
 * project's own modules.
 */
package dev.tokengen.awsanthropic.internal;
