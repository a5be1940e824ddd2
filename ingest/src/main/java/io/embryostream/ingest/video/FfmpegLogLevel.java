package io.embryostream.ingest.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

/**
 * FFmpeg writes stream banners and warnings straight to stderr; errors the readers care about
 * come back as exceptions anyway, so keep FFmpeg's own output to real errors. Public for the
 * synthetic export writers, which drive the same FFmpeg.
 */
public final class FfmpegLogLevel {

    private FfmpegLogLevel() {
    }

    public static void quiet() {
        av_log_set_level(AV_LOG_ERROR);
    }
}
