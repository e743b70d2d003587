package io.paralleljob.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paralleljob.api.ConfigMapItems;
import io.paralleljob.api.ItemsFrom;
import io.paralleljob.plan.InvalidSpecException;
import io.paralleljob.plan.WorkItems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spec.itemsFrom locally: a file beside the job file, and clear refusals for what only a cluster has. */
class LocalItemsTest {
    @TempDir
    Path dir;

    private static ItemsFrom file(String name) {
        ItemsFrom from = new ItemsFrom();
        from.setFile(name);
        return from;
    }

    @Test
    void aFileRelativeToTheJobFileHoldsOneItemPerLine() throws IOException {
        Files.writeString(dir.resolve("list.txt"), "a b\r\n\nc\n");
        WorkItems items = new LocalItems(dir).resolve(file("list.txt")).items();
        assertThat(items.size()).isEqualTo(3);
        assertThat(items.get(0)).isEqualTo("a b");
        assertThat(items.get(1)).isEmpty();
        assertThat(items.get(2)).isEqualTo("c");
    }

    @Test
    void aMissingOrEmptyFileIsNamed() throws IOException {
        assertThatThrownBy(() -> new LocalItems(dir).resolve(file("nope.txt"))).isInstanceOf(InvalidSpecException.class)
                .hasMessage("spec.itemsFrom.file: nope.txt (in " + dir + "): no such file (a relative path starts at "
                        + "the job file's directory)");
        Files.writeString(dir.resolve("empty.txt"), "");
        assertThatThrownBy(() -> new LocalItems(dir).resolve(file("empty.txt")))
                .hasMessage("spec.itemsFrom.file: file empty.txt (in " + dir + ") holds no item (it is empty)");
        Files.write(dir.resolve("bin.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertThatThrownBy(() -> new LocalItems(dir).resolve(file("bin.txt"))).hasMessageEndingWith("is not UTF-8 text");
    }

    @Test
    void whatOnlyAClusterHasIsRefusedWithWhatToDoLocally() {
        ItemsFrom cm = new ItemsFrom();
        cm.setConfigMapKeyRef(new ConfigMapItems());
        assertThatThrownBy(() -> new LocalItems(dir).resolve(cm)).hasMessageStartingWith("spec.itemsFrom.configMapKeyRef: ")
                .hasMessageContaining("itemsFrom.file");
        ItemsFrom rerun = new ItemsFrom();
        rerun.setFailedOf("earlier");
        assertThatThrownBy(() -> new LocalItems(dir).resolve(rerun)).hasMessageStartingWith("spec.itemsFrom.failedOf: ")
                .hasMessageContaining("--rerun-failed");
    }

    @Test
    void theExampleRunsItsWordsFromTheFileBesideIt() {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int exit = new RunCommand(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8))
                .run("examples/words-from-file.yaml", "-q");
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("total: 8")
                .contains("3: dragon fruit has 12 letters");
    }
}
