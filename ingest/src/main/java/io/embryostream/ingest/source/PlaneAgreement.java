package io.embryostream.ingest.source;

import io.embryostream.ingest.format.FrameSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cross-check of one well's planes before any of its frames is published: every plane is a
 * recording of that well. A video whose frame size is not the format's (a still picture, another
 * camera's file) is refused, the other planes published; a plane that declares clearly fewer frames
 * than the well's longest plane is published and reported, because the time points after its end
 * reach the classifier with that plane stood in.
 */
final class PlaneAgreement {

    /** Frame counts of one well's planes may differ by 2 % of the longest, at least one frame (a frame dropped at export). */
    static final double FRAME_COUNT_TOLERANCE = 0.02;

    /** One plane's header, as its media declares it. */
    record Plane(int plane, String location, FrameStream.Header header) {
    }

    /**
     * @param refused  the planes not to publish
     * @param problems one per plane that needs a person's attention, naming its file
     */
    record Verdict(Set<Integer> refused, List<IngestProblem> problems) {
    }

    private PlaneAgreement() {
    }

    static Verdict check(String well, List<Plane> planes, Optional<FrameSize> expectedSize, String formatName) {
        Set<Integer> refused = new TreeSet<>();
        List<IngestProblem> problems = new ArrayList<>();
        for (Plane p : planes) {
            Optional<FrameSize> size = p.header().size();
            if (expectedSize.isPresent() && size.isPresent() && !size.get().equals(expectedSize.get())) {
                refused.add(p.plane());
                problems.add(new IngestProblem(p.location(), "well " + well + ", plane " + p.plane() + " is a " + size.get()
                        + " video" + frames(p.header().frames()) + ", not a " + formatName + " video (" + expectedSize.get()
                        + "): not this well's recording, its frames were not published — put the well's video of this"
                        + " plane in its place and rerun with --restart"));
            }
        }
        int longest = planes.stream().filter(p -> !refused.contains(p.plane())).map(p -> p.header().frames())
                .filter(OptionalInt::isPresent).mapToInt(OptionalInt::getAsInt).max().orElse(0);
        int tolerance = Math.max(1, (int) Math.ceil(FRAME_COUNT_TOLERANCE * longest));
        for (Plane p : planes) {
            OptionalInt n = p.header().frames();
            if (!refused.contains(p.plane()) && n.isPresent() && n.getAsInt() < longest - tolerance) {
                problems.add(new IngestProblem(p.location(), "well " + well + ", plane " + p.plane() + " has " + n.getAsInt()
                        + " frames where the well's longest plane has " + longest + ": the time points after frame "
                        + n.getAsInt() + " were published without this plane (the classifier stands the nearest plane in)"
                        + " — check that the file is this well's complete video"));
            }
        }
        return new Verdict(refused, problems);
    }

    private static String frames(OptionalInt frames) {
        return frames.isPresent() ? " of " + frames.getAsInt() + " frame" + (frames.getAsInt() == 1 ? "" : "s") : "";
    }
}
