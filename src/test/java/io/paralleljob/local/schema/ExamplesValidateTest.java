package io.paralleljob.local.schema;

import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file in examples/ is a ParallelJob the API server accepts: the CRD's schema and rules hold. */
class ExamplesValidateTest {
    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void validatesAgainstTheCrd(Path example) throws IOException {
        var resource = new YAMLMapper().readTree(example.toFile());
        assertThatCode(() -> ResourceValidator.packaged().check(resource)).doesNotThrowAnyException();
    }
}
