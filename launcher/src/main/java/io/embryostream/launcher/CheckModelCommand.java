package io.embryostream.launcher;

import io.embryostream.model.ModelFormatException;
import io.embryostream.model.ParityCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The trainer's parity fixture of each model folder through Java's preprocessing and ONNX Runtime: exit 0 when all agree. */
@Command(name = "check-model", mixinStandardHelpOptions = true,
        description = {"Check that the classifier computes what the trainer did: each model folder's parity.json (one"
                + " time point, PyTorch's inputs, embedding and head outputs) run through Java preprocessing and ONNX"
                + " Runtime on the CPU, within " + ParityCheck.TOLERANCE + ".",
                "Exit 0 when every folder passes, 1 when one disagrees, 2 when one cannot be read. Run it before"
                        + " releasing a model version (docs/OPERATIONS.md)."})
final class CheckModelCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL_DIR", arity = "1..*", description = "Model folders written by trainer_export.train.")
    List<Path> folders;

    @Override
    public Integer call() {
        int exit = 0;
        for (Path folder : folders) {
            try {
                ParityCheck.Report report = ParityCheck.run(folder);
                System.out.println(report.describe());
                exit = Math.max(exit, report.passed() ? 0 : 1);
            } catch (IOException | ModelFormatException e) {
                System.err.println(folder + ": cannot check: " + e.getMessage());
                exit = 2;
            }
        }
        return exit;
    }
}
