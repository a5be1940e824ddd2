package io.embryostream.fuzz;

import io.embryostream.ingest.embryoscope.EmbryoScopeExportSheet;
import io.embryostream.synthetic.export.EmbryoScopeExportWriter;
import io.embryostream.synthetic.export.TestSlides;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/** An EmbryoScope export's binary {@code EXPORT.xls}, mutated cell by cell, row by row and byte by byte. */
final class EmbryoScopeSheetTarget implements FuzzTarget {

    private static final String SHEET = EmbryoScopeExportSheet.fileName(VideoTarget.SLIDE_ES);
    private static final List<String> EVENTS = List.of("tPB2", "tPNa", "tPNf");
    private Path valid;

    @Override
    public String name() {
        return "embryoscope-sheet";
    }

    @Override
    public Set<String> prepare(Path work) throws Exception {
        valid = EmbryoScopeExportWriter.write(work.resolve("es-valid"), VideoTarget.SLIDE_ES, TestSlides.pronuclearSlide(),
                new EmbryoScopeExportWriter.Options(4, List.of(0), 10), VideoTarget.PATIENT).root();
        return ExportRun.run(new Mutant(name(), "valid", 0, Expectation.PUBLISHED, "", null), valid,
                VideoTarget.ES_OPTIONS).published();
    }

    @Override
    public Outcome run(long seed, Path work) {
        SplittableRandom rnd = FuzzTarget.random(seed);
        Path export = work.resolve("es-" + Long.toHexString(seed)).resolve(valid.getFileName());
        Mutant mutant = null;
        try {
            Folders.copy(valid, export, Set.of(SHEET));
            mutant = mutate(export.resolve(SHEET), seed, rnd);
            return ExportRun.run(mutant, export, VideoTarget.ES_OPTIONS);
        } catch (Exception | Error e) {
            return Outcome.crashed(mutant != null ? mutant : new Mutant(name(), "building", seed, Expectation.EITHER, "", null), e);
        } finally {
            Folders.delete(export.getParent());
        }
    }

    private Mutant mutate(Path file, long seed, SplittableRandom rnd) throws Exception {
        List<String> kinds = new ArrayList<>(HourCells.KINDS);
        kinds.addAll(List.of("beyond-recording", "order-reversed", "duplicate-well", "unknown-column", "well-not-a-number",
                "no-well-header", "truncated", "byte-flips"));
        String kind = kinds.get(rnd.nextInt(kinds.size()));
        int well = 1 + rnd.nextInt(2);
        String wellFragment = "_WELL0" + well + "_";
        if (kind.equals("truncated")) {
            byte[] bytes = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(bytes, rnd.nextInt(bytes.length)));
            return new Mutant(name(), kind, seed, Expectation.REPORTED, SHEET, null);
        }
        if (kind.equals("byte-flips")) {
            Mutations.flipBytes(file, rnd, 1 + rnd.nextInt(8));
            return new Mutant(name(), kind, seed, Expectation.EITHER, SHEET, null);
        }
        HourCells.Effect effect;
        try (InputStream in = Files.newInputStream(file); HSSFWorkbook workbook = new HSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            Row header = headerRow(sheet);
            Row row = wellRow(sheet, header, well);
            int column = column(header, EVENTS.get(rnd.nextInt(EVENTS.size())));
            if (HourCells.KINDS.contains(kind)) {
                effect = HourCells.mutate(kind, row, column, rnd);
            } else {
                effect = switch (kind) {
                    case "beyond-recording" -> {
                        row.getCell(column).setCellValue(1000 + rnd.nextInt(1_000_000));
                        // the order check or the span check, whichever fires first, each with its wording of the well
                        yield new HourCells.Effect(Expectation.REPORTED, "well " + well + ":|WELL0" + well);
                    }
                    case "order-reversed" -> {
                        row.getCell(column(header, "tPB2")).setCellValue(row.getCell(column(header, "tPNf")).getNumericCellValue() + 0.1);
                        yield new HourCells.Effect(Expectation.REPORTED, "well " + well);
                    }
                    case "duplicate-well" -> {
                        Row copy = sheet.createRow(sheet.getLastRowNum() + 1);
                        for (Cell c : row) {
                            Cell to = copy.createCell(c.getColumnIndex());
                            switch (c.getCellType()) {
                                case NUMERIC -> to.setCellValue(c.getNumericCellValue());
                                case STRING -> to.setCellValue(c.getStringCellValue());
                                default -> {
                                }
                            }
                        }
                        yield new HourCells.Effect(Expectation.REPORTED, SHEET);
                    }
                    case "unknown-column" -> {
                        header.createCell(header.getLastCellNum()).setCellValue("Remarque " + rnd.nextInt(9));
                        row.createCell(header.getLastCellNum() - 1).setCellValue("bonne qualité");
                        yield new HourCells.Effect(Expectation.EITHER, SHEET);
                    }
                    case "well-not-a-number" -> {
                        row.getCell(column(header, "Well")).setCellValue("A" + rnd.nextInt(9));
                        yield new HourCells.Effect(Expectation.REPORTED, SHEET);
                    }
                    case "no-well-header" -> {
                        header.getCell(column(header, "Well")).setCellValue("Puits");
                        yield new HourCells.Effect(Expectation.REPORTED, SHEET);
                    }
                    default -> throw new IllegalStateException(kind);
                };
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
        }
        boolean sheetWide = List.of("duplicate-well", "no-well-header", "well-not-a-number").contains(kind);
        return new Mutant(name(), kind, seed, effect.expect(), effect.names(), sheetWide ? null : wellFragment);
    }

    private static Row headerRow(Sheet sheet) {
        for (Row r : sheet) {
            for (Cell c : r) {
                if (c.toString().strip().equals("Well")) {
                    return r;
                }
            }
        }
        throw new IllegalStateException("the valid sheet has no Well header");
    }

    private static int column(Row header, String name) {
        for (Cell c : header) {
            if (c.toString().strip().equals(name)) {
                return c.getColumnIndex();
            }
        }
        throw new IllegalStateException("the valid sheet has no column " + name);
    }

    private static Row wellRow(Sheet sheet, Row header, int well) {
        int wellColumn = column(header, "Well");
        for (Row r : sheet) {
            Cell c = r.getCell(wellColumn);
            if (r.getRowNum() > header.getRowNum() && c != null && c.toString().strip().matches("0*" + well + "(\\.0)?")) {
                return r;
            }
        }
        throw new IllegalStateException("the valid sheet has no row for well " + well);
    }
}
