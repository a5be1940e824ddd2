package io.embryostream.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Inputs the campaign found failing, kept by their seed: each is rebuilt from it (the test checks
 * the seed still draws the same mutation) and must now pass the invariant.
 */
class FuzzRegressionTest {

    @TempDir
    static Path work;

    private static final Map<String, Supplier<FuzzTarget>> TARGETS = Map.of(
            "miri-sheets", MiriSheetTarget::new, "gomez", GomezTarget::new, "embryoscope-sheet", EmbryoScopeSheetTarget::new,
            "classifier-records", ClassifierRecordsTarget::new);
    private static final Map<String, FuzzTarget> PREPARED = new HashMap<>();
    private static final Map<String, Set<String>> BASELINES = new HashMap<>();

    @ParameterizedTest(name = "{0}#{1} {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            miri-sheets        | ac82f38f94d59759 | csv/quoted         | quoted fields: header not recognised, videos published as if the sheet were wrong
            miri-sheets        | b2403d4ed9a51b5b | csv/windows-1252   | Windows-1252 bytes: the whole export refused (exit 2) with 'Input length = 1'
            miri-sheets        | 626d3d576d66bd86 | csv/byte-flips     | non-UTF-8 bytes: 'Input length = 1', no file named, the export refused
            gomez              | e930647d6410f14  | jpeg/truncated     | a cut JPEG decoded grey below the cut and was published, exit 0
            gomez              | c953bb4e608dfa4b | jpeg/other-size    | a JPEG of another size published, exit 0
            gomez              | 819142e2ebe8b3ed | jpeg/deleted       | a missing image inside the sequence: its time point silently absent
            gomez              | 5df78792f259845c | jpeg/deleted       | the last image missing: the sequence silently shorter than the time file
            gomez              | ed92f2195a689a4f | time/missing-line  | a time point without hours reported under the embryo, not the time file
            classifier-records | 623b1c586c176645 | lifecycle/key-mismatch | a lifecycle event keyed by another embryo accepted without a word
            miri-sheets        | 831c2a8705b9e83b | summary/truncated  | long run, seed 7: a cut summary workbook published with exit 0 and no word
            miri-sheets        | 900beb5e1c329a7c | summary/truncated  | long run, seed 7: a cut summary workbook published with exit 0 and no word
            embryoscope-sheet  | a5ff0a6e7f3b1ed6 | truncated          | long run, seed 7: a cut EXPORT.xls published with exit 0 and no word
            embryoscope-sheet  | 2542b5eed3caa75c | truncated          | long run, seed 7: a cut EXPORT.xls published with exit 0 and no word
            """)
    void aFormerFailureStaysFixed(String target, String seed, String mutation, String found) throws Exception {
        FuzzTarget fuzz = PREPARED.computeIfAbsent(target, name -> TARGETS.get(name).get());
        if (!BASELINES.containsKey(target)) {
            BASELINES.put(target, fuzz.prepare(work));
        }

        Outcome outcome = fuzz.run(Long.parseUnsignedLong(seed, 16), work);

        assertThat(outcome.mutant().mutation()).as("the seed still draws the mutation it was found with").isEqualTo(mutation);
        assertThat(outcome.verdict(BASELINES.get(target))).as(found + " — now: " + outcome.reports()).isEqualTo(Verdict.OK);
    }

    @AfterAll
    static void close() throws Exception {
        for (FuzzTarget target : PREPARED.values()) {
            target.close();
        }
    }
}
