package dev.tokengen.awsanthropic.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Builds the picocli command specifications the commands share: help, version, verbose, exit-code footer. */
final class Specs {
    private Specs() {
    }

    static CommandSpec command(Callable<Integer> command, String name, String description, String... exitCodes) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name).versionProvider(new Version());
        spec.usageMessage()
                .description(description)
                .sortOptions(false)
                .autoWidth(true)
                .footerHeading("%nExit codes:%n")
                .footer(exitCodes);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help and exit.")
                .build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print the version and exit.").build());
        return spec;
    }

    static OptionSpec option(String name, String label, Class<?> type, String description,
            ITypeConverter<?>... converters) {
        return OptionSpec.builder(name).paramLabel(label).type(type).converters(converters).description(description)
                .build();
    }

    static OptionSpec verbose() {
        return OptionSpec.builder("--verbose").type(boolean.class).description("Print stack traces of errors.").build();
    }

    /** The option's value, or null when absent. */
    static <T> T value(CommandSpec spec, String option) {
        return spec.findOption(option).getValue();
    }
}
