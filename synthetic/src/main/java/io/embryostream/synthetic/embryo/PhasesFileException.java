package io.embryostream.synthetic.embryo;

/** A Gomez {@code <embryo>_phases.csv} file that cannot be read; the message says which line and what was expected. */
public class PhasesFileException extends RuntimeException {

    public PhasesFileException(String message) {
        super(message);
    }

    public PhasesFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
