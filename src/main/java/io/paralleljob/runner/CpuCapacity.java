package io.paralleljob.runner;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * How much of a CPU one busy thread actually gets here right now, with {@code threads} of them
 * busy at once: about 1.0 on idle cores, 0.25 in a pod limited to 250m, 0.5 when another process
 * competes for the core. Auto divides the sample's CPU-to-wall ratio by it, so computing items on
 * a throttled or busy node are not mistaken for waiting ones.
 */
public final class CpuCapacity {
    private static final long SPIN_NANOS = 150_000_000L;

    private CpuCapacity() {
    }

    public static double measure(int threads) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!mx.isCurrentThreadCpuTimeSupported()) {
            return 1.0;
        }
        List<double[]> shares = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            double[] share = new double[1];
            shares.add(share);
            Thread t = new Thread(() -> {
                long cpu0 = mx.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                long sink = 0;
                while (System.nanoTime() - wall0 < SPIN_NANOS) {
                    sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
                }
                share[0] = (double) (mx.getCurrentThreadCpuTime() - cpu0) / (System.nanoTime() - wall0)
                        + (sink == 42 ? 1e-12 : 0);
                done.countDown();
            }, "pj-cpu-capacity");
            t.setDaemon(true);
            t.start();
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1.0;
        }
        double mean = shares.stream().mapToDouble(s -> s[0]).average().orElse(1.0);
        return Math.max(0.05, Math.min(1.0, mean));
    }
}
