package io.embryostream.launcher;

/**
 * The launcher's optional modules: on the class path of the dev distribution ({@code launcher/target/lib},
 * what {@code ./embryo-stream} runs), left out of the service distribution the images run
 * ({@code distribution/}). A command that needs one is offered only where it is there.
 */
enum OptionalModule {

    /** Renderer and synthetic incubator: demo, simulate, export-dataset --synthetic (and the simulate image). */
    SYNTHETIC("io.embryostream.synthetic.simulate.SyntheticIncubator"),
    /** The in-process KRaft broker and Kafka's test kit it runs on: demo and broker, dev only. */
    EMBEDDED_KAFKA("io.embryostream.kafka.embedded.EmbeddedKafkaBroker");

    /** Looked up by name so that asking loads nothing of the module. */
    private final String probe;

    OptionalModule(String probe) {
        this.probe = probe;
    }

    boolean available() {
        try {
            Class.forName(probe, false, OptionalModule.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
