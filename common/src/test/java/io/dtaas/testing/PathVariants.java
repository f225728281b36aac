package io.dtaas.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Spellings of one path that some layer of an HTTP stack may read as the same resource: matrix parameters,
 * percent-encoding of any character, doubled slashes, dot segments (also behind {@code ;}), case, trailing marks,
 * and detours through public paths. An attacker tries them to slip past a filter that reads paths differently
 * than the router does.
 */
public final class PathVariants {

    private static final List<String> PUBLIC_DETOURS = List.of("/q/health", "/index.html", "/docs", "/assets/x.js", "/tasks/1");

    private PathVariants() {
    }

    public static List<String> of(String path) {
        Set<String> out = new LinkedHashSet<>();
        String[] segs = path.substring(1).split("/");
        for (int i = 0; i < segs.length; i++) {
            out.add(replaceSegment(segs, i, segs[i] + ";x=1"));
            out.add(replaceSegment(segs, i, segs[i] + ";"));
            out.add(replaceSegment(segs, i, segs[i] + ";."));
            out.add(replaceSegment(segs, i, segs[i].toUpperCase(Locale.ROOT)));
            out.add(replaceSegment(segs, i, segs[i] + "/."));
            out.add(replaceSegment(segs, i, "." + "/" + segs[i]));
            out.add(replaceSegment(segs, i, "x/../" + segs[i]));
            out.add(replaceSegment(segs, i, "x/..;/" + segs[i]));
            out.add(replaceSegment(segs, i, "/" + segs[i])); // a doubled slash before the segment
            out.add(replaceSegment(segs, i, "%2e/" + segs[i]));
        }
        out.add("/api;/" + path.substring("/api/".length()) + ";.");
        for (int c = 1; c < path.length(); c++) {
            char ch = path.charAt(c);
            String enc = String.format("%%%02X", (int) ch);
            out.add(path.substring(0, c) + enc + path.substring(c + 1));
            out.add(path.substring(0, c) + enc.toLowerCase(Locale.ROOT) + path.substring(c + 1));
        }
        out.add(path + "/");
        out.add(path + ";");
        out.add(path + "/.");
        out.add(path + "%00");
        out.add(path + "#");
        out.add(path + "?");
        out.add("/" + path);
        out.add(path.replace("/", "//"));
        out.add(path.replace("/", "/./"));
        for (String detour : PUBLIC_DETOURS) {
            String up = "/..".repeat(detour.split("/").length - 1);
            out.add(detour + up + path);
            out.add(detour + up.replace("..", "..;") + path);
            out.add(detour + up.replace("/..", "/%2e%2e") + path);
            out.add(detour + up.replace("/", "%2f") + path);
            out.add(detour + ";" + path);
        }
        List<String> list = new ArrayList<>(out);
        list.remove(path);
        return list;
    }

    private static String replaceSegment(String[] segs, int i, String replacement) {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < segs.length; j++) {
            b.append('/').append(j == i ? replacement : segs[j]);
        }
        return b.toString();
    }
}
