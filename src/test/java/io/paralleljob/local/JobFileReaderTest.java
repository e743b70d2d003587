package io.paralleljob.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paralleljob.api.ParallelJob;
import io.paralleljob.plan.InvalidSpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a job file the way kubectl takes it: strict, and every complaint says where. */
class JobFileReaderTest {
    static final String VALID = """
            apiVersion: paralleljob.io/v1alpha1
            kind: ParallelJob
            metadata:
              name: squares
              labels: {team: a}
            spec:
              workload: IOBound
              parallelism: 2
              retries: 1
              items: ["7", "11", "13"]
              template:
                image: python:3.12-slim
                command: ["python3", "-c", "print(1)"]
                env:
                  - {name: GREETING, value: hi}
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path f = dir.resolve("job.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private AbstractThrowableAssert<?, ? extends Throwable> rejects(String yaml, String field) throws IOException {
        Path f = write(yaml);
        return assertThatThrownBy(() -> JobFileReader.read(f))
                .isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> assertThat(((InvalidSpecException) e).field()).isEqualTo(field));
    }

    @Test
    void readsAValidJob() throws IOException {
        ParallelJob job = JobFileReader.read(write(VALID));

        assertThat(job.getMetadata().getName()).isEqualTo("squares");
        assertThat(job.getMetadata().getLabels()).containsEntry("team", "a");
        assertThat(job.getSpec().getWorkload()).isEqualTo("IOBound");
        assertThat(job.getSpec().getParallelism()).isEqualTo(2);
        assertThat(job.getSpec().getRetries()).isEqualTo(1);
        assertThat(job.getSpec().getItems()).containsExactly("7", "11", "13");
        assertThat(job.getSpec().getTemplate().getCommand()).containsExactly("python3", "-c", "print(1)");
        assertThat(job.getSpec().getTemplate().getEnv()).singleElement()
                .satisfies(e -> assertThat(e.getValue()).isEqualTo("hi"));
    }

    @Test
    void missingFileIsReported() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> JobFileReader.read(missing))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("nope.yaml")
                .hasMessageContaining("no such file");
    }

    @Test
    void aDirectoryIsNotAJobFile() {
        assertThatThrownBy(() -> JobFileReader.read(dir)).hasMessageContaining("not a regular file");
    }

    @Test
    void emptyFileIsReported() throws IOException {
        Path f = write("# nothing here\n");
        assertThatThrownBy(() -> JobFileReader.read(f)).hasMessageContaining("is empty");
    }

    @Test
    void malformedYamlNamesTheLine() throws IOException {
        // line 7 opens a flow sequence that never closes; line 8 is badly indented
        String broken = VALID.replace("  parallelism: 2\n", "  parallelism: 2\n   oops: [1, 2\n");
        Path f = write(broken);
        assertThatThrownBy(() -> JobFileReader.read(f))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("job.yaml")
                .hasMessageContaining("not valid YAML")
                .hasMessageMatching("(?s).*at line \\d+, column \\d+.*");

        Path g = write("apiVersion: paralleljob.io/v1alpha1\nkind: ParallelJob\n  metadata: x\n");
        assertThatThrownBy(() -> JobFileReader.read(g)).hasMessageContaining("at line 3");
    }

    @Test
    void wrongKindIsRejected() throws IOException {
        rejects(VALID.replace("kind: ParallelJob", "kind: Job"), "kind")
                .hasMessageContaining("expected ParallelJob").hasMessageContaining("'Job'");
    }

    @Test
    void wrongOrMissingApiVersionIsRejected() throws IOException {
        rejects(VALID.replace("paralleljob.io/v1alpha1", "batch/v1"), "apiVersion")
                .hasMessageContaining("paralleljob.io/v1alpha1").hasMessageContaining("'batch/v1'");
        rejects(VALID.replace("apiVersion: paralleljob.io/v1alpha1\n", ""), "apiVersion")
                .hasMessageContaining("got nothing");
    }

    @Test
    void typoInSpecNamesTheFieldAndTheKnownOnes() throws IOException {
        rejects(VALID.replace("parallelism: 2", "paralelism: 2"), "spec.paralelism")
                .hasMessageStartingWith("spec.paralelism: unknown field")
                .hasMessageContaining("parallelism");
    }

    @Test
    void typoDeeperInTheSpecNamesTheFullPath() throws IOException {
        rejects(VALID.replace("    command:", "    comand:"), "spec.template.comand")
                .hasMessageContaining("command");
        rejects(VALID.replace("items: [\"7\", \"11\", \"13\"]", "range: {start: 0, ned: 3}"), "spec.range.ned");
    }

    @Test
    void typoAtTheTopLevelIsReported() throws IOException {
        rejects(VALID + "sepc: {}\n", "sepc").hasMessageContaining("unknown field");
    }

    /** The API server refuses unknown fields everywhere, metadata and env entries included, and so does local mode. */
    @Test
    void typoInMetadataOrEnvNamesTheField() throws IOException {
        rejects(VALID.replace("  labels:", "  lables:"), "metadata.lables");
        rejects(VALID.replace("value: hi", "valu: hi"), "spec.template.env[0].valu");
    }

    @Test
    void aStringWhereAWholeNumberBelongsIsAWrongType() throws IOException {
        rejects(VALID.replace("parallelism: 2", "parallelism: four"), "spec.parallelism")
                .hasMessageContaining("wrong type").hasMessageContaining("four");
        rejects(VALID.replace("retries: 1", "retries: [1]"), "spec.retries").hasMessageContaining("wrong type");
    }

    @Test
    void aFractionWhereAWholeNumberBelongsIsNotSilentlyCut() throws IOException {
        rejects(VALID.replace("parallelism: 2", "parallelism: 2.5"), "spec.parallelism")
                .hasMessageContaining("wrong type");
    }

    @Test
    void aMapWhereAListBelongsNamesTheField() throws IOException {
        rejects(VALID.replace("command: [\"python3\", \"-c\", \"print(1)\"]", "command: {run: x}"),
                "spec.template.command").hasMessageContaining("wrong type");
    }

    @Test
    void severalDocumentsAreRejected() throws IOException {
        Path f = write(VALID + "---\n" + VALID);
        assertThatThrownBy(() -> JobFileReader.read(f))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("2 YAML documents");
    }

    @Test
    void aTrailingDocumentSeparatorIsFine() throws IOException {
        assertThat(JobFileReader.read(write("---\n" + VALID + "---\n")).getMetadata().getName()).isEqualTo("squares");
    }

    @Test
    void statusIsIgnoredAsTheApiServerIgnoresItOnCreate() throws IOException {
        ParallelJob job = JobFileReader.read(write(VALID + "status: {phase: Succeeded, somethingNew: 1}\n"));
        assertThat(job.getMetadata().getName()).isEqualTo("squares");
        assertThat(job.getStatus().getPhase()).isEqualTo("Succeeded");
        assertThat(JobFileReader.read(write(VALID + "status: [not, an, object]\n")).getStatus()).isNull();
    }

    @Test
    void aListIsNotAJob() throws IOException {
        Path f = write("- a\n- b\n");
        assertThatThrownBy(() -> JobFileReader.read(f)).hasMessageContaining("expected a ParallelJob object");
    }

    @Test
    void aKeyGivenTwiceIsAnErrorNotLastOneWins() throws IOException {
        rejects(VALID.replace("parallelism: 2", "parallelism: 2\n  parallelism: 3"), dir.resolve("job.yaml").toString())
                .hasMessageContaining("Duplicate field 'parallelism'");
    }

    @Test
    void errorsAreOneLineInAUsersWords() throws IOException {
        rejects(VALID.replace("items: [", "items: [{a: 1}, "), "spec.items[0]").hasMessage(
                "spec.items[0]: wrong type: expected a string");
        Path broken = write(VALID.replace("[\"7\", \"11\", \"13\"]", "[\"7\", \"11\""));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> JobFileReader.read(broken)))
                .hasMessageContaining("not valid YAML at line").hasMessageNotContaining("\n");
    }
}
