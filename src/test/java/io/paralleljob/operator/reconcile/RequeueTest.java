package io.paralleljob.operator.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.paralleljob.api.Limits;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A deadline's requeue is something the framework can schedule, whatever the number of seconds. */
class RequeueTest {
    @Test
    void aDeadlineBeyondTheMaximumSaturatesInsteadOfOverflowing() {
        // Duration.ofSeconds(Long.MAX_VALUE).toMillis() throws ArithmeticException: long overflow.
        assertEquals(Limits.MAX_SECONDS * 1000, Requeue.deadline(Long.MAX_VALUE).toMillis());
    }

    @Test
    void aDeadlineAlreadyPassedIsLookedAtInASecond() {
        assertEquals(Duration.ofSeconds(1), Requeue.deadline(-5));
        assertEquals(Duration.ofSeconds(1), Requeue.deadline(Long.MIN_VALUE));
        assertEquals(Duration.ofSeconds(90), Requeue.deadline(90));
    }
}
