package io.embryostream.launcher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher as the production ingest image runs it: a JVM whose class path has every module but
 * {@code synthetic}. It must start, offer the production commands and refuse the synthetic ones with
 * a message instead of a {@code NoClassDefFoundError}.
 */
class WithoutSyntheticModuleTest {

    private static String classPath;

    @TempDir
    static Path work;

    @BeforeAll
    static void classPathWithoutSynthetic() {
        // Surefire's own class path of this test run; java.class.path is only its booter jar.
        String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> kept = Arrays.stream(full.split(File.pathSeparator))
                .filter(entry -> !entry.contains(File.separator + "synthetic" + File.separator)
                        && !Path.of(entry).getFileName().toString().startsWith("synthetic-"))
                .toList();
        assertThat(kept).as("the synthetic module was on the class path to be left out").hasSizeLessThan(full.split(File.pathSeparator).length);
        classPath = String.join(File.pathSeparator, kept);
    }

    @Test
    void theProductionCommandsRunAndTheSyntheticOnesAreNotOffered() throws Exception {
        Run help = run("--help");
        assertThat(help.exit()).as(help.err()).isZero();
        assertThat(help.out()).contains("ingest", "classify", "export-dataset", "alerts", "report", "view")
                .doesNotContain("simulate").doesNotContain("demo ");
        assertThat(help.err()).doesNotContain("NoClassDefFoundError");

        Run ingest = run("ingest", "--help");
        assertThat(ingest.exit()).isZero();
        assertThat(ingest.out()).contains("EXPORT_DIR");

        Run simulate = run("simulate", "--dry-run");
        assertThat(simulate.exit()).isEqualTo(2);
        assertThat(simulate.err()).contains("simulate").doesNotContain("NoClassDefFoundError");
    }

    @Test
    void exportDatasetFromAnExportStillStartsAndSyntheticIsRefusedWithAReason() throws Exception {
        Run synthetic = run("export-dataset", "--synthetic", "--embryos", "1", "-o", work.resolve("set").toString());
        assertThat(synthetic.exit()).as(synthetic.err()).isEqualTo(2);
        assertThat(synthetic.err()).contains("synthetic module").doesNotContain("NoClassDefFoundError");

        Run noExport = run("export-dataset", "--from-export", work.resolve("missing").toString(), "-o",
                work.resolve("set2").toString());
        assertThat(noExport.exit()).isEqualTo(2);
        assertThat(noExport.err()).contains("Cannot export").doesNotContain("NoClassDefFoundError");
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) throws IOException, InterruptedException {
        Path argFile = Files.createTempFile(work, "cp", ".args");
        // an argument file keeps the command line short however long the class path is
        Files.writeString(argFile, "-cp \"" + classPath.replace("\\", "\\\\") + "\"");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + argFile, EmbryoStream.class.getName()));
        command.addAll(List.of(args));
        Path out = work.resolve("out-" + System.nanoTime());
        Path err = work.resolve("err-" + System.nanoTime());
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("embryo-stream " + String.join(" ", args) + " did not end within 120 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
