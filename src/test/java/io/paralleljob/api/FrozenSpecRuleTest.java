package io.paralleljob.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CEL rule that freezes a started job's spec names its fields one by one, so a field added to
 * ParallelJobSpec would be editable after the start without anyone deciding so. This test fails
 * until the new field is either in the rule or in EDITABLE_AFTER_START.
 */
class FrozenSpecRuleTest {
    private static List<String> specFields() {
        return Arrays.stream(ParallelJobSpec.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers())).map(Field::getName).toList();
    }

    private static String comparison(String field) {
        return "self.spec." + field + " == oldSelf.spec." + field;
    }

    @Test
    void everySpecFieldIsFrozenOrDeclaredEditable() {
        for (String field : specFields()) {
            if (ParallelJobSpec.EDITABLE_AFTER_START.contains(field)) {
                continue;
            }
            assertThat(ParallelJob.FROZEN_SPEC_RULE).as("spec.%s is neither compared by ParallelJob.FROZEN_SPEC_RULE "
                    + "nor listed in ParallelJobSpec.EDITABLE_AFTER_START", field)
                    .contains(comparison(field)).contains("has(self.spec." + field + ") == has(oldSelf.spec." + field + ")");
        }
    }

    @Test
    void theEditableFieldsAreSpecFieldsTheRuleLeavesAlone() {
        assertThat(specFields()).containsAll(ParallelJobSpec.EDITABLE_AFTER_START);
        for (String field : ParallelJobSpec.EDITABLE_AFTER_START) {
            assertThat(ParallelJob.FROZEN_SPEC_RULE).doesNotContain("self.spec." + field);
        }
    }
}
