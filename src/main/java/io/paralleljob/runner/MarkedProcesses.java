package io.paralleljob.runner;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds processes by a variable in their environment. Every item process carries this run's
 * marker, and so do the children it starts, which inherit it: a background child whose item has
 * died was reparented to PID 1 and is no longer anyone's descendant here, but it still carries the
 * marker. /proc/PID/environ is the environment the process started with; a zombie's is empty, so
 * an exited process is never found.
 */
public final class MarkedProcesses {
    private MarkedProcesses() {
    }

    /** PIDs of the live processes whose environment has {@code name=value}; empty where /proc is missing. */
    public static List<Long> find(String name, String value) {
        byte[] marker = ("\0" + name + "=" + value + "\0").getBytes(StandardCharsets.UTF_8);
        List<Long> found = new ArrayList<>();
        String[] entries = new File("/proc").list();
        if (entries == null) {
            return found;
        }
        long self = ProcessHandle.current().pid();
        for (String entry : entries) {
            if (entry.isEmpty() || !Character.isDigit(entry.charAt(0))) {
                continue;
            }
            long pid;
            try {
                pid = Long.parseLong(entry);
            } catch (NumberFormatException notAProcess) {
                continue;
            }
            if (pid != self && carries(Path.of("/proc", entry, "environ"), marker)) {
                found.add(pid);
            }
        }
        return found;
    }

    /** The marker is matched between NULs; the environ file has none before its first entry. */
    private static boolean carries(Path environ, byte[] marker) {
        byte[] env;
        try {
            env = Files.readAllBytes(environ);
        } catch (IOException | SecurityException goneOrNotOurs) {
            return false;
        }
        byte[] padded = new byte[env.length + 2];
        System.arraycopy(env, 0, padded, 1, env.length);
        return indexOf(padded, marker) >= 0;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
