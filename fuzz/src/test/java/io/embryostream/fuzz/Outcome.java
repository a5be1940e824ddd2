package io.embryostream.fuzz;

import java.util.List;
import java.util.Set;

/**
 * What one input led to.
 *
 * @param exit      the exit code the command would return: 0 everything published, 1 something reported, 2 refused
 * @param reports   every report line ("file: reason"), or the refusal's message
 * @param published the source refs of the frames published (for records: the offsets processed)
 * @param crash     the exception that escaped, or null
 */
record Outcome(Mutant mutant, int exit, List<String> reports, Set<String> published, String crash, boolean hung) {

    /** How a target marks a ref it saw published more than once. */
    static final String DOUBLED_PREFIX = "DOUBLED ";

    static Outcome crashed(Mutant mutant, Throwable e) {
        return new Outcome(mutant, -1, List.of(), Set.of(), e.getClass().getName() + ": " + e.getMessage(), false);
    }

    static Outcome hung(Mutant mutant) {
        return new Outcome(mutant, -1, List.of(), Set.of(), null, true);
    }

    /** The verdict against the valid input's published refs. */
    Verdict verdict(Set<String> baseline) {
        if (crash != null) {
            return Verdict.CRASH;
        }
        if (hung) {
            return Verdict.HANG;
        }
        if (published.stream().anyMatch(ref -> ref.startsWith(DOUBLED_PREFIX))) {
            return Verdict.DOUBLED;
        }
        boolean complete = published.containsAll(baseline);
        if (exit == 0 && !reports.isEmpty()) {
            return Verdict.UNTRUE_NOTHING_SKIPPED;
        }
        if (exit == 0 && !complete) { // nothing reported (see above), frames missing
            return mutant.expect() == Expectation.PUBLISHED ? Verdict.UNTRUE_NOTHING_SKIPPED : Verdict.SILENT_PASS;
        }
        boolean named = reports.stream().anyMatch(r -> java.util.Arrays.stream(mutant.names().split("\\|"))
                .anyMatch(r::contains));
        switch (mutant.expect()) {
            case PUBLISHED -> {
                if (exit != 0) {
                    return Verdict.FALSE_ALARM;
                }
            }
            case REPORTED -> {
                if (exit == 0) {
                    return Verdict.SILENT_PASS;
                }
                if (!named) {
                    return Verdict.UNNAMED;
                }
            }
            case EITHER -> {
                if (exit != 0 && !named) {
                    return Verdict.UNNAMED;
                }
            }
        }
        boolean aroundComplete = baseline.stream()
                .filter(ref -> mutant.excused() == null || !ref.contains(mutant.excused()))
                .allMatch(published::contains);
        return aroundComplete ? Verdict.OK : Verdict.LOST_AROUND;
    }
}
