package org.facegrid.operator;

import java.io.PrintStream;

/** What the command tells the operator: progress on stdout, warnings and failures on stderr, all prefixed. */
public final class Say {
    private static PrintStream out = System.out;
    private static PrintStream err = System.err;

    private Say() {
    }

    public static void line(String message) {
        out.println("facegrid: " + message);
        out.flush();
    }

    public static void warning(String message) {
        err.println("facegrid: WARNING: " + message);
        err.flush();
    }

    public static void error(String message) {
        err.println("facegrid: " + message);
        err.flush();
    }

    /** Plain output a script reads (a table, JSON, a token): no prefix. */
    public static void raw(String text) {
        out.println(text);
        out.flush();
    }

    /** For tests: where the lines go. */
    public static void to(PrintStream standardOut, PrintStream standardErr) {
        out = standardOut;
        err = standardErr;
    }
}
