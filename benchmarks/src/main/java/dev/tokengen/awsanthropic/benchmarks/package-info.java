/**
 * JMH benchmarks: this library against the official Java generator and an {@code AwsV4HttpSigner} baseline, on the
 * same inputs in the same run. Run them with {@code benchmarks/scripts/jmh.sh}; nothing here ships.
 */
package dev.tokengen.awsanthropic.benchmarks;
