package io.paralleljob.local;

import io.paralleljob.api.ItemsFrom;
import io.paralleljob.plan.InvalidSpecException;
import io.paralleljob.plan.ItemLines;
import io.paralleljob.plan.ItemSource;
import io.paralleljob.plan.ResolvedItems;
import io.paralleljob.plan.WorkItems;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * spec.itemsFrom on this machine: {@code file}, one item per line, relative to the job file (so a
 * job and its list travel together). A ConfigMap or an earlier cluster job is not here to read;
 * each refusal says what to do locally instead.
 */
final class LocalItems implements ItemSource {
    private final Path base;

    /** @param base the directory a relative path starts from: the job file's, or the current one for stdin */
    LocalItems(Path base) {
        this.base = base;
    }

    static LocalItems besides(RunOptions options) {
        Path dir = options.fromStdin() ? null : options.file().toAbsolutePath().getParent();
        return new LocalItems(dir != null ? dir : Path.of("").toAbsolutePath());
    }

    @Override
    public ResolvedItems resolve(ItemsFrom from) {
        if (from.getConfigMapKeyRef() != null) {
            throw new InvalidSpecException("spec.itemsFrom.configMapKeyRef", "reads a ConfigMap, which only a cluster "
                    + "has; locally put the items in a file, one a line, and use itemsFrom.file");
        }
        if (from.getFailedOf() != null) {
            throw new InvalidSpecException("spec.itemsFrom.failedOf", "reruns an earlier job in a cluster; locally, "
                    + "run the earlier job's file again with --rerun-failed RESULTS (the file its --results wrote)");
        }
        return ResolvedItems.all(WorkItems.of(read(from.getFile())));
    }

    private java.util.List<String> read(String name) {
        String field = "spec.itemsFrom.file";
        Path file = base.resolve(name);
        String where = Path.of(name).isAbsolute() ? name : name + " (in " + base + ")";
        if (Files.isDirectory(file)) {
            throw new InvalidSpecException(field, where + " is a directory; give a file with one item per line");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidSpecException(field, where + ": no such file (a relative path starts at the job file's "
                    + "directory)");
        } catch (CharacterCodingException e) {
            throw new InvalidSpecException(field, where + " is not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidSpecException(field, where + " cannot be read: " + e.getMessage());
        }
        return ItemLines.parse(text, field, "file " + where);
    }
}
