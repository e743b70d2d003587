package io.paralleljob.aggregate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times as Kubernetes writes them (RFC 3339, whole seconds, UTC) and durations as kubectl shows them. */
public final class Rfc3339 {
    private Rfc3339() {
    }

    public static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static String format(long epochMillis) {
        return format(Instant.ofEpochMilli(epochMillis));
    }

    /** 850ms, 4.2s, 3m7s, 2h5m: short enough for a printer column. */
    public static String human(long millis) {
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        Duration d = Duration.ofMillis(millis);
        if (millis < 3_600_000) {
            return d.toMinutes() + "m" + d.toSecondsPart() + "s";
        }
        return d.toHours() + "h" + d.toMinutesPart() + "m";
    }
}
