package io.embryostream.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void showsCountRateAndEta() {
        AtomicLong now = new AtomicLong(0);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgressLine p = new ProgressLine("frames", 1000, new PrintStream(buf, true), false, now::get, 1000);
        now.set(2000);
        p.advance(500);
        assertThat(p.render(2000)).isEqualTo("frames: 500/1000 (50%), 250 frames/s, ETA 2s");
        assertThat(buf.toString()).contains("500/1000");
        p.advance(500);
        p.finish();
        assertThat(buf.toString()).contains("1000/1000 (100%)").contains("elapsed");
    }
}
