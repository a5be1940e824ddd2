package io.embryostream.ingest.video;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The frames of one video that FFmpeg decoded with errors (damaged bytes it concealed), counted as
 * a reader goes. Keeps the first few frame numbers and the first message: enough for a person to
 * find the damage, bounded for a video of any length.
 */
public final class DecodeErrors {

    private static final int FRAMES_NAMED = 5;

    private final List<Integer> firstFrames = new ArrayList<>();
    private int frames;
    private int messages;
    private String firstMessage;

    /** Records the FFmpeg errors logged while frame {@code frame} decoded (0: while opening the file). */
    void record(int frame, List<String> errors) {
        if (errors.isEmpty()) {
            return;
        }
        if (frame > 0) {
            frames++;
            if (firstFrames.size() < FRAMES_NAMED) {
                firstFrames.add(frame);
            }
        }
        messages += errors.size();
        if (firstMessage == null) {
            firstMessage = errors.stream().filter(m -> !m.isEmpty()).findFirst().orElse("(no text)");
        }
    }

    /** Frames returned although FFmpeg logged errors decoding them. */
    public int frames() {
        return frames;
    }

    /** Error lines FFmpeg logged for this video, opening it included. */
    public int messages() {
        return messages;
    }

    /**
     * What a person needs to find the damage, empty when FFmpeg logged no error.
     *
     * @param framesRead the frames the reader returned, for "N of M"
     */
    public Optional<String> describe(int framesRead) {
        if (messages == 0) {
            return Optional.empty();
        }
        String where = frames == 0
                ? messages + " error(s) while opening it"
                : frames + " of " + framesRead + " frames with errors (frame " + firstFrames.stream()
                        .map(String::valueOf).collect(Collectors.joining(", ")) + (frames > firstFrames.size() ? ", …" : "") + ")";
        return Optional.of("FFmpeg decoded " + where + ", first: \"" + firstMessage + "\"");
    }
}
