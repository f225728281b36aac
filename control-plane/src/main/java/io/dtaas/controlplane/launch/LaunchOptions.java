package io.dtaas.controlplane.launch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The launcher's flags, as the seed documents them; each overrides its environment variable. */
@Command(name = "dtaas", mixinStandardHelpOptions = true, version = "DTaaS 0.1.0",
        description = "Starts DTaaS: API, dashboard and transfer engine on one port.")
public class LaunchOptions {

    @Option(names = "--port", description = "HTTP port (env PORT, default 8000)")
    Integer port;

    @Option(names = "--host", description = "Address to listen on (env HOST, default 127.0.0.1); anything but"
            + " loopback requires DTAAS_API_TOKEN")
    String host;

    @Option(names = "--workers", description = "Transfers run at once by the in-process engine (env MAX_WORKERS, default 10)")
    Integer workers;

    @Option(names = "--no-browser", description = "Do not open the dashboard in a browser")
    boolean noBrowser;

    @Option(names = "--data-dir", description = "Data dir: embedded metadata database, key file (env DTAAS_HOME, default ~/.dtaas)")
    Path dataDir;

    public Integer port() {
        return port;
    }

    public String host() {
        return host;
    }

    public Integer workers() {
        return workers;
    }

    public boolean noBrowser() {
        return noBrowser;
    }

    public Path dataDir() {
        return dataDir;
    }
}
