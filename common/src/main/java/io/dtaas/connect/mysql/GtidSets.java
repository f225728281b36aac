package io.dtaas.connect.mysql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Containment of GTID sets in both servers' forms: MariaDB's {@code domain-server-sequence} list (sequences grow
 * per domain, so a domain's highest sequence stands for all before it) and MySQL's {@code uuid[:tag]:1-5:7,...}
 * interval sets.
 */
final class GtidSets {

    private GtidSets() {
    }

    /** Whether every transaction of {@code wanted} is in {@code have}. */
    static boolean contains(String have, String wanted) {
        String h = have.replaceAll("\\s", "");
        String w = wanted.replaceAll("\\s", "");
        if (isMariaDb(h) && isMariaDb(w)) {
            Map<Long, Long> got = mariaDbDomains(h);
            return mariaDbDomains(w).entrySet().stream().allMatch(e -> got.getOrDefault(e.getKey(), -1L) >= e.getValue());
        }
        Map<String, List<long[]>> got = mysqlIntervals(h);
        for (Map.Entry<String, List<long[]>> e : mysqlIntervals(w).entrySet()) {
            List<long[]> have1 = got.getOrDefault(e.getKey(), List.of());
            for (long[] need : e.getValue()) {
                if (have1.stream().noneMatch(r -> r[0] <= need[0] && r[1] >= need[1])) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isMariaDb(String set) {
        return set.matches("\\d+-\\d+-\\d+(,\\d+-\\d+-\\d+)*");
    }

    private static Map<Long, Long> mariaDbDomains(String set) {
        Map<Long, Long> domains = new HashMap<>();
        for (String gtid : set.split(",")) {
            String[] p = gtid.split("-");
            domains.merge(Long.parseLong(p[0]), Long.parseLong(p[2]), Math::max);
        }
        return domains;
    }

    /** {@code uuid[:tag]} → its intervals; a part that is not a number or a range is a tag of the uuid. */
    private static Map<String, List<long[]>> mysqlIntervals(String set) {
        Map<String, List<long[]>> sets = new HashMap<>();
        for (String member : set.split(",")) {
            if (member.isEmpty()) {
                continue;
            }
            String[] parts = member.split(":");
            String uuid = parts[0].toLowerCase(java.util.Locale.ROOT);
            String name = uuid;
            for (int i = 1; i < parts.length; i++) {
                if (!parts[i].matches("\\d+(-\\d+)?")) {
                    name = uuid + ":" + parts[i].toLowerCase(java.util.Locale.ROOT); // intervals after a tag are its own
                    continue;
                }
                String[] r = parts[i].split("-");
                sets.computeIfAbsent(name, k -> new ArrayList<>())
                        .add(new long[]{Long.parseLong(r[0]), Long.parseLong(r[r.length - 1])});
            }
        }
        return sets;
    }
}
