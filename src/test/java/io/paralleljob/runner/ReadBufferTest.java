package io.paralleljob.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadBufferTest {
    @Test
    void schedstatFieldsAreReadAsNumbers() {
        ReadBuffer b = ReadBuffer.of("129473 425549 2\n");

        assertThat(b.number(0)).isEqualTo(129473);
        assertThat(b.number(1)).isEqualTo(425549);
        assertThat(b.number(2)).isEqualTo(2);
        assertThat(b.number(3)).as("no such field").isEqualTo(-1);
        assertThat(ReadBuffer.of("12 x3 4").number(1)).as("not a number").isEqualTo(-1);
        assertThat(ReadBuffer.of("").number(0)).isEqualTo(-1);
    }

    @Test
    void childrenListsEveryPid() {
        List<Integer> pids = new ArrayList<>();
        ReadBuffer.of("1201 1305 77 ").eachNumber(pids::add);
        ReadBuffer.of("").eachNumber(pids::add);
        ReadBuffer.of("9").eachNumber(pids::add);

        assertThat(pids).containsExactly(1201, 1305, 77, 9);
    }

    @Test
    void longFilesGrowTheBuffer(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            text.append(100000 + i).append(' ');
        }
        java.nio.file.Path f = java.nio.file.Files.writeString(dir.resolve("children"), text);
        ReadBuffer b = new ReadBuffer();
        try (var in = java.nio.channels.FileChannel.open(f)) {
            b.fill(in);
        }
        List<Integer> pids = new ArrayList<>();
        b.eachNumber(pids::add);

        assertThat(b.length()).isEqualTo(text.length());
        assertThat(pids).hasSize(3000).startsWith(100000).endsWith(102999);
    }
}
