package io.redset.web.status.render;

import io.redset.web.status.snapshot.StatusSnapshot;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Every document that the public API, the feeds and the badges answer, rendered once per snapshot
 * (when the snapshot is built, not per request) with its ETag and content type; controllers then
 * write bytes. A pure function of the snapshot: thread-safe.
 */
public final class SnapshotRendering {

    private SnapshotRendering() {
    }

    /** The snapshot with its rendered documents: Statuspage JSON, Atom and RSS, SVG badges. */
    public static StatusSnapshot render(StatusSnapshot plain) {
        Map<String, StatusSnapshot.Rendered> rendered = new HashMap<>();
        new StatuspageJson(plain).renderAll().forEach((name, body) ->
                rendered.put(name, new StatusSnapshot.Rendered(body, etag(body), "application/json")));
        byte[] atom = HistoryFeeds.atom(plain);
        rendered.put("history.atom", new StatusSnapshot.Rendered(atom, etag(atom), "application/atom+xml;charset=UTF-8"));
        byte[] rss = HistoryFeeds.rss(plain);
        rendered.put("history.rss", new StatusSnapshot.Rendered(rss, etag(rss), "application/rss+xml;charset=UTF-8"));
        StatusBadges.renderAll(plain).forEach((name, svg) ->
                rendered.put(name, new StatusSnapshot.Rendered(svg, etag(svg), "image/svg+xml;charset=UTF-8")));
        return new StatusSnapshot(plain.version(), plain.page(), plain.builtAt(), plain.dataReadAt(), plain.dataStale(),
                plain.updatedAt(), plain.indicator(), plain.components(), plain.groups(), plain.incidents(),
                plain.maintenances(), plain.uptime(), plain.latency(), Map.copyOf(rendered));
    }

    /** A strong ETag: the first 12 bytes of the body's SHA-256, in hex. */
    static String etag(byte[] body) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
