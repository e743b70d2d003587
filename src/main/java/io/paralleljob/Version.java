package io.paralleljob;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version the build stamped into the jar (the pom's version): one source, printed by --version. */
final class Version {
    private Version() {
    }

    static String get() {
        try (InputStream in = Version.class.getClassLoader().getResourceAsStream("paralleljob/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
