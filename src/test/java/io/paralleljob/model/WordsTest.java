package io.paralleljob.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordsTest {
    @Test
    void oneIsSingularEverythingElsePlural() {
        assertThat(Words.count(1, "item")).isEqualTo("1 item");
        assertThat(Words.count(0, "item")).isEqualTo("0 items");
        assertThat(Words.count(2, "item")).isEqualTo("2 items");
        assertThat(Words.count(1, "runner process", "runner processes")).isEqualTo("1 runner process");
        assertThat(Words.count(3, "runner process", "runner processes")).isEqualTo("3 runner processes");
    }
}
