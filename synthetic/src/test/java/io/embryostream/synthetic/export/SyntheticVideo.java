package io.embryostream.synthetic.export;

import io.embryostream.synthetic.embryo.EmbryoRenderer;
import io.embryostream.synthetic.embryo.EmbryoTimeline;
import io.embryostream.synthetic.embryo.FrameGeometry;

import java.io.IOException;
import java.nio.file.Path;

/** Renders one well and focal plane of a timeline into a video, frame k at the schedule's hours. */
final class SyntheticVideo {

    private SyntheticVideo() {
    }

    static void write(Path file, EmbryoRenderer renderer, EmbryoTimeline timeline, int plane, FrameGeometry geometry,
                      FrameSchedule schedule, double framesPerSecond) throws IOException {
        try (VideoWriter video = new VideoWriter(file, geometry.width(), geometry.height(), framesPerSecond)) {
            for (int k = 1; k <= schedule.frames(); k++) {
                video.write(renderer.render(timeline, schedule.hoursAt(k), plane, geometry));
            }
        }
    }
}
