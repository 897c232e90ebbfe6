package dev.tokengen.awsanthropic.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses {@code --expiry}: {@code 90s}, {@code 15m}, {@code 1h}, {@code 1h30m}, {@code 12h}, a plain number of
 * seconds ({@code 3600}) or ISO-8601 ({@code PT1H}). The range (1 second to 12 hours) is the library's to check.
 * Stateless and thread-safe.
 */
final class Expiry implements ITypeConverter<Duration> {
    private static final Pattern UNITS = Pattern.compile("(?:(\\d{1,9})h)?(?:(\\d{1,9})m)?(?:(\\d{1,9})s)?");
    private static final Pattern SECONDS = Pattern.compile("\\d{1,12}");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (SECONDS.matcher(text).matches()) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        if (text.startsWith("p") || text.startsWith("-p")) {
            try {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(value);
            }
        }
        Matcher m = UNITS.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            throw invalid(value);
        }
        return Duration.ofHours(number(m.group(1))).plusMinutes(number(m.group(2))).plusSeconds(number(m.group(3)));
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    private static TypeConversionException invalid(String value) {
        return new TypeConversionException("'" + value + "' is not a duration; use e.g. 90s, 15m, 1h30m, 12h, a"
                + " number of seconds or ISO-8601 PT1H");
    }
}
