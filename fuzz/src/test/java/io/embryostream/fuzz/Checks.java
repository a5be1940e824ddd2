package io.embryostream.fuzz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which check a report line comes from, read from its wording. The cross-checks issue 19 asks for
 * are {@link #CROSS_CHECKS}: the campaign fails unless each fires at least once.
 */
final class Checks {

    static final List<String> CROSS_CHECKS = List.of("planes: geometry and size", "planes: frame count",
            "annotations: stage order", "annotations: within the recording", "cells: formula", "cells: text",
            "video: FFmpeg decode errors");

    private static final Pattern DEAD_LETTER = Pattern.compile("dead letter ([A-Z_]+):");
    private static final Map<String, Pattern> BY_WORDING = new LinkedHashMap<>();

    static {
        BY_WORDING.put("video: FFmpeg decode errors", Pattern.compile("FFmpeg decoded"));
        BY_WORDING.put("planes: geometry and size", Pattern.compile(
                "not an? (MIRI|EmbryoScope) video|\\d+x\\d+ image where|\\d+x\\d+ video of \\d+ frame"));
        BY_WORDING.put("planes: frame count", Pattern.compile("has \\d+ frames where the well's longest plane"));
        BY_WORDING.put("annotations: stage order", Pattern.compile("developmental order"));
        BY_WORDING.put("annotations: within the recording", Pattern.compile("beyond the recording"));
        BY_WORDING.put("cells: formula", Pattern.compile("formula"));
        BY_WORDING.put("cells: text", Pattern.compile("holds text|holds TRUE/FALSE|holds -?[0-9.E]+ hours|holds (NaN|Infinity)"));
        BY_WORDING.put("annotations: well left unlabelled", Pattern.compile("no annotation \\(no sheet row"));
        BY_WORDING.put("images: hole in a sequence", Pattern.compile("has no image for"));
        BY_WORDING.put("images: unreadable or damaged", Pattern.compile("damaged image|not a JPEG or PNG|not a decodable image"));
        BY_WORDING.put("images: no embryo found", Pattern.compile("no embryo"));
        BY_WORDING.put("video: truncated", Pattern.compile("truncated"));
        BY_WORDING.put("video: unreadable", Pattern.compile("cannot open it as a video|no video stream|decoding failed"));
        BY_WORDING.put("time file", Pattern.compile("(?i)time file|_timeElapsed"));
        BY_WORDING.put("phase file", Pattern.compile("_phases\\.csv"));
        BY_WORDING.put("sheet: unreadable", Pattern.compile("(?i)not a readable|workbook|spreadsheet"));
        BY_WORDING.put("sheet: structure", Pattern.compile("row label|named twice|column|no sheet|Well cell|already has a row"));
        BY_WORDING.put("csv: encoding", Pattern.compile("neither UTF-8|NUL bytes"));
        BY_WORDING.put("csv: structure", Pattern.compile("\\.csv: .*(line \\d+|header|is empty)"));
        BY_WORDING.put("watched folder: metadata", Pattern.compile("slide\\.properties"));
        BY_WORDING.put("watched folder: not a frame name", Pattern.compile("not a frame file name"));
    }

    private Checks() {
    }

    /** The check a report line comes from, or "other: …" with its start. */
    static String of(String report) {
        java.util.regex.Matcher deadLetter = DEAD_LETTER.matcher(report);
        if (deadLetter.find()) {
            return "classifier: dead letter " + deadLetter.group(1);
        }
        for (Map.Entry<String, Pattern> check : BY_WORDING.entrySet()) {
            if (check.getValue().matcher(report).find()) {
                return check.getKey();
            }
        }
        return "other: " + report.substring(0, Math.min(80, report.length()));
    }
}
