package io.paralleljob.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The stop's sweep finds an item's whole tree by its marker, a child its item left behind included. */
class MarkedProcessesTest {
    @Test
    void findsABackgroundChildAfterItsParentHasGoneAndNothingOnceItIsKilled() throws Exception {
        String mark = UUID.randomUUID().toString();
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "sleep 30 > /dev/null 2>&1 & echo $!");
        pb.environment().put("PJ_TEST_MARK", mark);
        Process item = pb.start();
        long child = Long.parseLong(new String(item.getInputStream().readAllBytes()).strip());
        item.waitFor(); // the item is gone; its child lives on, reparented, no descendant of ours any more

        assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid)).doesNotContain(child);
        assertThat(MarkedProcesses.find("PJ_TEST_MARK", mark)).containsExactly(child);
        assertThat(MarkedProcesses.find("PJ_TEST_MARK", mark.substring(1))).as("whole values only").isEmpty();

        ProcessHandle.of(child).orElseThrow().destroyForcibly();
        long until = System.nanoTime() + 5_000_000_000L;
        List<Long> left = MarkedProcesses.find("PJ_TEST_MARK", mark);
        while (!left.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(10);
            left = MarkedProcesses.find("PJ_TEST_MARK", mark);
        }
        assertThat(left).as("a killed process is not found, even before PID 1 reaps it").isEmpty();
    }
}
