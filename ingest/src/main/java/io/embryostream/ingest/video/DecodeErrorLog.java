package io.embryostream.ingest.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FFmpeg's error messages, routed to the video being decoded on the same thread. FFmpeg conceals
 * damaged bytes and returns a frame anyway; its only word is a log line, so a reader counts the
 * lines its own decoding produced. That is why readers decode with slice threads only: frame
 * threads would log a video's errors from FFmpeg's own threads, where no reader listens. Messages
 * no reader listens for (the synthetic writers' encoders) go to this class's logger.
 */
final class DecodeErrorLog {

    private static final Logger log = LoggerFactory.getLogger(DecodeErrorLog.class);
    private static final Pattern CONTEXT_ADDRESS = Pattern.compile("^\\[([^\\]@]+?) @ 0x[0-9a-fA-F]+\\] ");
    private static final ThreadLocal<Consumer<String>> LISTENER = new ThreadLocal<>();
    // Held here so the native side's callback is never collected.
    private static final LogCallback CALLBACK = new LogCallback() {
        @Override
        public void call(int level, BytePointer message) {
            if (level > AV_LOG_ERROR) {
                return;
            }
            // "[ffv1 @ 0x7f…] slice CRC mismatch" → "ffv1: slice CRC mismatch": the address means nothing to a reader
            String text = CONTEXT_ADDRESS.matcher(message.getString().strip()).replaceFirst("$1: ");
            Consumer<String> listener = LISTENER.get();
            if (listener != null) {
                listener.accept(text);
            } else if (!text.isEmpty()) {
                log.warn("FFmpeg: {}", text);
            }
        }
    };

    static {
        setLogCallback(CALLBACK);
    }

    private DecodeErrorLog() {
    }

    /** Runs {@code decoding} on this thread with every FFmpeg error it logs passed to {@code listener}. */
    static <T, E extends Exception> T listening(Consumer<String> listener, Decoding<T, E> decoding) throws E {
        LISTENER.set(listener);
        try {
            return decoding.run();
        } finally {
            LISTENER.remove();
        }
    }

    @FunctionalInterface
    interface Decoding<T, E extends Exception> {
        T run() throws E;
    }
}
