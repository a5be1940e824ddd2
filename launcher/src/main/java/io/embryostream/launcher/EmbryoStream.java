package io.embryostream.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The embryo-stream command line. */
@Command(name = "embryo-stream",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Streaming growth-stage inference for IVF time-lapse incubators.",
                "Frames -> ingest -> Kafka -> classifier -> stages, transitions, alerts."},
        subcommands = {IngestCommand.class, ClassifyCommand.class, ExportDatasetCommand.class, AlertsCommand.class, TailCommand.class, ReplayDeadLettersCommand.class, CheckModelCommand.class,
                ReportCommand.class, ViewCommand.class, HealthCommand.class, CommandLine.HelpCommand.class})
public final class EmbryoStream implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line (tests execute it in-process). The commands that need an optional
     * module are offered only where it is on the class path: {@code simulate} the synthetic module,
     * {@code broker} the embedded broker, {@code demo} both (the dev distribution).
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new EmbryoStream());
        boolean synthetic = OptionalModule.SYNTHETIC.available();
        boolean broker = OptionalModule.EMBEDDED_KAFKA.available();
        if (synthetic && broker) {
            commandLine.addSubcommand(new DemoCommand());
        }
        if (synthetic) {
            commandLine.addSubcommand(new SimulateCommand());
        }
        if (broker) {
            commandLine.addSubcommand(new BrokerCommand());
        }
        return commandLine.registerConverter(java.time.Duration.class, new DurationConverter())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
