package dev.parley.runtime.gateway.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OpenIM's incremental-sync answer shape. */
final class IncrementalSync {
    private IncrementalSync() {
    }

    /** A full answer with nothing in it: the client replaces its list with the empty one. */
    static Map<String, Object> emptyFull() {
        return full(List.of());
    }

    static Map<String, Object> full(List<?> insert) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", 0);
        data.put("versionID", "");
        data.put("full", true);
        data.put("delete", List.of());
        data.put("insert", insert);
        data.put("update", List.of());
        data.put("sortVersion", 0);
        return data;
    }
}
