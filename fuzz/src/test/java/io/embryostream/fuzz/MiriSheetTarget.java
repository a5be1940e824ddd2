package io.embryostream.fuzz;

import io.embryostream.ingest.miri.MiriCorrespondenceSheet;
import io.embryostream.ingest.miri.MiriSlideId;
import io.embryostream.ingest.miri.MiriSummarySheet;
import io.embryostream.synthetic.export.MiriExportWriter;
import io.embryostream.synthetic.export.SummaryEdits;
import io.embryostream.synthetic.export.TestSlides;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.poi.ss.usermodel.Row;

/**
 * A MIRI export's summary workbook and renaming CSV, mutated cell by cell and line by line; the
 * videos stay valid (they have their own target) so every frame must still be accounted for.
 */
final class MiriSheetTarget implements FuzzTarget {

    static final MiriSlideId SLIDE = new MiriSlideId("MTL-0130-0EFD-D6E0-[37]");
    static final String SUMMARY = MiriSummarySheet.fileName(SLIDE);
    static final String CSV = MiriCorrespondenceSheet.FILE_NAME;
    private static final String[] EVENT_ROWS = {"2PB", "PN Fading"};

    private Path valid;

    @Override
    public String name() {
        return "miri-sheets";
    }

    @Override
    public Set<String> prepare(Path work) throws Exception {
        valid = work.resolve("miri-valid");
        MiriExportWriter.write(valid, SLIDE, TestSlides.pronuclearSlide(), new MiriExportWriter.Options(6, List.of(3), false));
        return ExportRun.run(new Mutant(name(), "valid", 0, Expectation.PUBLISHED, "", null), valid).published();
    }

    @Override
    public Outcome run(long seed, Path work) {
        SplittableRandom rnd = FuzzTarget.random(seed);
        Path export = work.resolve("miri-" + Long.toHexString(seed));
        Mutant mutant = null;
        try {
            Folders.copy(valid, export, Set.of(SUMMARY, CSV));
            mutant = rnd.nextInt(3) < 2 ? mutateSummary(export.resolve(SUMMARY), seed, rnd)
                    : mutateCsv(export.resolve(CSV), seed, rnd);
            return ExportRun.run(mutant, export);
        } catch (Exception | Error e) {
            return Outcome.crashed(mutant != null ? mutant : new Mutant(name(), "building", seed, Expectation.EITHER, "", null), e);
        } finally {
            Folders.delete(export);
        }
    }

    private Mutant mutateSummary(Path file, long seed, SplittableRandom rnd) throws Exception {
        int well = 1 + rnd.nextInt(2);
        String wellFragment = "-P0" + well + "-";
        String rowLabel = EVENT_ROWS[rnd.nextInt(EVENT_ROWS.length)];
        List<String> kinds = new ArrayList<>(HourCells.KINDS);
        kinds.addAll(List.of("beyond-recording", "order-reversed", "duplicate-row", "unknown-row", "truncated", "byte-flips",
                "empty-workbook", "no-labels"));
        String kind = kinds.get(rnd.nextInt(kinds.size()));
        switch (kind) {
            case "truncated" -> {
                byte[] bytes = Files.readAllBytes(file);
                Files.write(file, java.util.Arrays.copyOf(bytes, rnd.nextInt(bytes.length)));
                return new Mutant(name(), "summary/" + kind, seed, Expectation.REPORTED, SUMMARY, null);
            }
            case "byte-flips" -> {
                Mutations.flipBytes(file, rnd, 1 + rnd.nextInt(8));
                return new Mutant(name(), "summary/" + kind, seed, Expectation.EITHER, SUMMARY, null);
            }
            default -> {
            }
        }
        HourCells.Effect[] effect = {null};
        SummaryEdits.edit(file, sheet -> {
            Row row = SummaryEdits.row(sheet, rowLabel);
            if (HourCells.KINDS.contains(kind)) {
                effect[0] = HourCells.mutate(kind, row, well, rnd);
                return;
            }
            switch (kind) {
                case "beyond-recording" -> {
                    row.getCell(well).setCellValue(1000 + rnd.nextInt(1_000_000));
                    effect[0] = new HourCells.Effect(Expectation.REPORTED, " P0" + well + ": ");
                }
                case "order-reversed" -> {
                    // the 2nd polar body hours after the pronuclei fade
                    SummaryEdits.row(sheet, "2PB").getCell(well).setCellValue(30 + rnd.nextInt(20));
                    effect[0] = new HourCells.Effect(Expectation.REPORTED, "P0" + well);
                }
                case "duplicate-row" -> {
                    Row copy = sheet.createRow(sheet.getLastRowNum() + 1);
                    copy.createCell(0).setCellValue(rowLabel);
                    copy.createCell(well).setCellValue(1.0);
                    effect[0] = new HourCells.Effect(Expectation.REPORTED, rowLabel);
                }
                case "unknown-row" -> {
                    Row extra = sheet.createRow(sheet.getLastRowNum() + 1);
                    extra.createCell(0).setCellValue("Comment " + rnd.nextInt(100));
                    extra.createCell(well).setCellValue("bonne qualité");
                    effect[0] = new HourCells.Effect(Expectation.EITHER, SUMMARY);
                }
                case "empty-workbook" -> {
                    for (int r = sheet.getLastRowNum(); r >= 0; r--) {
                        if (sheet.getRow(r) != null) {
                            sheet.removeRow(sheet.getRow(r));
                        }
                    }
                    effect[0] = new HourCells.Effect(Expectation.REPORTED, SUMMARY);
                }
                case "no-labels" -> {
                    for (Row r : sheet) {
                        if (r.getCell(0) != null) {
                            r.getCell(0).setCellValue("x" + r.getRowNum());
                        }
                    }
                    effect[0] = new HourCells.Effect(Expectation.REPORTED, SUMMARY);
                }
                default -> throw new IllegalStateException(kind);
            }
        });
        String excused = List.of("empty-workbook", "no-labels", "duplicate-row").contains(kind) ? null : wellFragment;
        return new Mutant(name(), "summary/" + kind, seed, effect[0].expect(), effect[0].names(), excused);
    }

    private Mutant mutateCsv(Path file, long seed, SplittableRandom rnd) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        List<String> kinds = List.of("semicolons", "quoted", "windows-1252", "byte-order-mark", "crlf", "duplicate-line",
                "no-header", "field-count", "empty-name", "cut-mid-line", "byte-flips", "empty-file");
        String kind = kinds.get(rnd.nextInt(kinds.size()));
        Expectation expect = Expectation.REPORTED;
        Charset charset = StandardCharsets.UTF_8;
        String separator = "\n";
        switch (kind) {
            case "semicolons" -> {
                lines.replaceAll(l -> l.replace(',', ';'));
                expect = Expectation.PUBLISHED;
            }
            case "quoted" -> {
                lines.replaceAll(l -> "\"" + String.join("\",\"", l.split(",", -1)) + "\"");
                expect = Expectation.PUBLISHED;
            }
            case "windows-1252" -> {
                // a spreadsheet program on Windows adds a remark column and saves in its code page
                lines.replaceAll(l -> l + (l.startsWith("original") ? ",remarque" : ",embryon évalué à J1"));
                charset = Charset.forName("windows-1252");
                expect = Expectation.PUBLISHED;
            }
            case "byte-order-mark" -> {
                lines.set(0, "\uFEFF" + lines.get(0));
                expect = Expectation.PUBLISHED;
            }
            case "crlf" -> {
                separator = "\r\n";
                expect = Expectation.PUBLISHED;
            }
            case "duplicate-line" -> lines.add(lines.get(1 + rnd.nextInt(lines.size() - 1)));
            case "no-header" -> lines.remove(0);
            case "field-count" -> lines.set(1 + rnd.nextInt(lines.size() - 1), "SEQ999.avi");
            case "empty-name" -> {
                int i = 1 + rnd.nextInt(lines.size() - 1);
                lines.set(i, lines.get(i).replaceFirst("^[^,]*", ""));
            }
            case "cut-mid-line" -> {
                String all = String.join("\n", lines);
                Files.writeString(file, all.substring(0, all.indexOf('\n') + 1 + rnd.nextInt(all.length() - all.indexOf('\n') - 1)));
                return new Mutant(name(), "csv/" + kind, seed, Expectation.EITHER, CSV, null);
            }
            case "byte-flips" -> {
                Mutations.flipBytes(file, rnd, 1 + rnd.nextInt(4));
                return new Mutant(name(), "csv/" + kind, seed, Expectation.EITHER, CSV, null);
            }
            case "empty-file" -> lines.clear();
            default -> throw new IllegalStateException(kind);
        }
        Files.write(file, (String.join(separator, lines) + (lines.isEmpty() ? "" : separator)).getBytes(charset));
        return new Mutant(name(), "csv/" + kind, seed, expect, CSV, null);
    }
}
