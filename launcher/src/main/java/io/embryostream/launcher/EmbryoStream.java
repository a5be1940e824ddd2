package io.embryostream.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The embryo-stream command line. */
@Command(name = "embryo-stream",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Streaming growth-stage inference for IVF time-lapse incubators.",
                "Frames -> ingest -> Kafka -> classifier -> stages, transitions, alerts."},
        subcommands = {IngestCommand.class, ClassifyCommand.class, ExportDatasetCommand.class, AlertsCommand.class,
                ReportCommand.class, ViewCommand.class, CommandLine.HelpCommand.class})
public final class EmbryoStream implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line (tests execute it in-process). {@code demo} and {@code simulate}
     * are offered only where the synthetic module is on the class path.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new EmbryoStream());
        if (SyntheticWorld.available()) {
            commandLine.addSubcommand(new DemoCommand()).addSubcommand(new SimulateCommand());
        }
        return commandLine.registerConverter(java.time.Duration.class, new DurationConverter())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
