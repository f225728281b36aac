package io.dtaas.controlplane.security;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** Problem documents written before the REST layer runs (filters answer without Jackson's object mapping). */
public final class Problems {

    private Problems() {
    }

    public static String json(int status, String title, String detail) {
        JsonStringEncoder enc = JsonStringEncoder.getInstance();
        return "{\"type\":\"about:blank\",\"title\":\"" + new String(enc.quoteAsString(title)) + "\",\"status\":" + status
                + ",\"detail\":\"" + new String(enc.quoteAsString(detail)) + "\",\"errors\":[]}";
    }
}
