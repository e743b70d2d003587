package io.paralleljob.results;

import io.paralleljob.model.LatestResults;
import io.paralleljob.model.RowReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A local run's --results file, read a line at a time: a later line for an index (a rerun's,
 * appended) is that item's later outcome.
 */
final class FileResults {
    private FileResults() {
    }

    /** @param warn told about what is skipped (a torn last line) */
    static LatestResults read(Path file, Consumer<String> warn) {
        LatestResults latest = new LatestResults();
        if (Files.isDirectory(file)) {
            throw new ResultsUnreadable(file + ": is a directory, not a --results file");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            RowReader.read(in, file.toString(), latest::offer, warn);
        } catch (NoSuchFileException e) {
            throw new ResultsUnreadable(file + ": no such file");
        } catch (MalformedInputException e) {
            throw new ResultsUnreadable(file + ": is not a --results file (not UTF-8 text)");
        } catch (IOException e) {
            throw new ResultsUnreadable(file + ": cannot be read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ResultsUnreadable(e.getMessage());
        }
        return latest;
    }
}
