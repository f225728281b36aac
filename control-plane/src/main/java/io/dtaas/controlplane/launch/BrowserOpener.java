package io.dtaas.controlplane.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Opens the dashboard in the desktop's browser when there is one; silently does nothing on servers. */
public final class BrowserOpener {

    private BrowserOpener() {
    }

    public static void open(String url) {
        boolean mac = System.getProperty("os.name", "").toLowerCase().contains("mac");
        String opener = mac ? "/usr/bin/open" : "/usr/bin/xdg-open";
        boolean desktop = mac || System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
        if (!desktop || !Files.isExecutable(Path.of(opener))) {
            return;
        }
        try {
            new ProcessBuilder(List.of(opener, url)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException ignored) {
            // no browser is not an error: the URL is printed anyway
        }
    }
}
