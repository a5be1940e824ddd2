package io.embryostream.ingest.embryoscope;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EmbryoScope embryo id such as {@code D2026.01.15_S02549_I4120_P-15}: culture date, slide,
 * instrument and position (well) on the slide. The part before {@code _P-} identifies the slide.
 * Slide and instrument keep their leading zeros, so ids format back exactly as read.
 */
record EmbryoScopeEmbryoId(LocalDate date, String slide, String instrument, int position) {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu.MM.dd");
    private static final Pattern PATTERN = Pattern.compile(
            "D(?<date>\\d{4}\\.\\d{2}\\.\\d{2})_S(?<slide>\\d+)_I(?<instrument>\\d+)_P-(?<position>\\d{1,3})");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    public EmbryoScopeEmbryoId {
        if (date == null || slide == null || instrument == null
                || !DIGITS.matcher(slide).matches() || !DIGITS.matcher(instrument).matches() || position < 1) {
            throw new IllegalArgumentException("EmbryoScope ids need a date, digit-only slide and instrument numbers and"
                    + " a position from 1; got " + date + ", " + slide + ", " + instrument + ", " + position);
        }
    }

    /** The id, or empty when {@code text} is not an EmbryoScope embryo id. */
    public static Optional<EmbryoScopeEmbryoId> parse(String text) {
        Matcher m = text == null ? null : PATTERN.matcher(text.trim());
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new EmbryoScopeEmbryoId(LocalDate.parse(m.group("date"), DATE), m.group("slide"),
                    m.group("instrument"), Integer.parseInt(m.group("position"))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code D<yyyy.MM.dd>_S<slide>_I<instrument>}: the slide's id, shared by its embryos. */
    public String slideId() {
        return "D" + DATE.format(date) + "_S" + slide + "_I" + instrument;
    }

    /** The well on the slide this embryo sits in. */
    public EmbryoScopeWell well() {
        return new EmbryoScopeWell(position);
    }

    public String format() {
        return slideId() + "_P-" + position;
    }

    @Override
    public String toString() {
        return format();
    }
}
