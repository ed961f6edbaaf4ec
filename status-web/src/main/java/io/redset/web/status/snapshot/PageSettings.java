package io.redset.web.status.snapshot;

import java.time.Instant;
import java.time.ZoneId;

/** The page's own settings: the {@code page} object of the Statuspage API plus its logo text. */
public record PageSettings(String id, String name, String url, ZoneId timeZone, String logoText, Instant updatedAt) {
}
