package org.facegrid.operator.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A process's arguments, read from /proc: the JDK's ProcessHandle.Info gives none for a command line longer than
 * 4 KB, and a WildFly server's (or this command's, with its class path) is longer.
 */
public final class CommandLines {
    private CommandLines() {
    }

    public static List<String> of(ProcessHandle process) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
            String text = new String(raw, StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\0"));
        } catch (IOException | SecurityException gone) {
            return process.info().arguments().map(List::of).orElse(List.of());
        }
    }
}
