package io.dtaas.format;

import java.io.Closeable;
import java.io.IOException;

final class Streams {

    private Streams() {
    }

    /** For abandoning a file: the stream's owner discards what was written, so a failing close changes nothing. */
    static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // abandoned anyway
        }
    }
}
