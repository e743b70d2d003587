package io.paralleljob.local;

import io.paralleljob.model.RowReader;
import io.paralleljob.plan.InvalidSpecException;
import io.paralleljob.plan.JobPlan;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * {@code run FILE --rerun-failed PATH}: the job again, for the items whose latest outcome in an
 * earlier run's --results file failed, or that have none (the run was stopped before them), under
 * their original indexes, as a cluster job with {@code itemsFrom.failedOf} reruns another's. The
 * file is read a line at a time into two bits per item.
 */
final class Rerun {
    static final String FLAG = "--rerun-failed";

    private Rerun() {
    }

    /** The plan narrowed to what needs running again; its runOnly is empty when nothing does. */
    static JobPlan of(JobPlan plan, Path results) {
        int size = plan.items().size();
        BitSet succeeded = new BitSet(size);
        try (BufferedReader in = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
            // A torn last line is an item that never finished: it is run again, so nothing is said.
            RowReader.read(in, results.toString(), (run, line) -> {
                String where = results + ":" + line + ": ";
                if (run.index() < 0 || run.index() >= size) {
                    throw new InvalidSpecException(FLAG, where + "index " + run.index() + " is not one of the job's "
                            + size + " items: the file was written for another work list");
                }
                if (!plan.items().get(run.index()).equals(run.item())) {
                    throw new InvalidSpecException(FLAG, where + "item " + run.index() + " is '" + abbreviate(run.item())
                            + "' there and '" + abbreviate(plan.items().get(run.index())) + "' in the job: the file was "
                            + "written for another work list");
                }
                succeeded.set(run.index(), run.succeeded()); // the latest line for an index is its latest outcome
            }, torn -> { });
        } catch (NoSuchFileException e) {
            throw new InvalidSpecException(FLAG, results + ": no such file (give the --results file of an earlier run)");
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidSpecException(FLAG, results + ": cannot be read: " + e.getMessage());
        }
        List<Integer> again = new ArrayList<>();
        for (int i = succeeded.nextClearBit(0); i < size; i = succeeded.nextClearBit(i + 1)) {
            if (plan.runs(i)) {
                again.add(i);
            }
        }
        return new JobPlan(plan.name(), plan.workload(), plan.parallelism(), plan.items(), plan.argv(), plan.env(),
                plan.workingDir(), plan.retries(), plan.backoffLimit(), plan.activeDeadlineSeconds(),
                plan.itemTimeoutSeconds(), again);
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "(none)";
        }
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
