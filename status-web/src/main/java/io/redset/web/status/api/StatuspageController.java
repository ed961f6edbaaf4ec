package io.redset.web.status.api;

import io.redset.web.status.StatusProperties;
import io.redset.web.status.StatusService;
import io.redset.web.status.snapshot.StatusSnapshot;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/**
 * The Statuspage v2 public API ({@code /api/v2/*.json}) and the history feeds
 * ({@code /history.atom}, {@code /history.rss}). Every body was rendered when the snapshot was
 * built: a request only picks bytes, compares the ETag ({@code If-None-Match} -> 304) and sets
 * {@code Cache-Control}. GET mappings answer HEAD too; CORS allows GET and HEAD from anywhere.
 * A header {@code X-RedSet-Data-At} tells when the control database was last read. In the running
 * application {@link SnapshotResponses} answers GET and HEAD of these paths before they get here;
 * this controller stays for the CORS preflight and any setup without that filter.
 */
@RestController
@CrossOrigin(origins = "*", methods = {RequestMethod.GET, RequestMethod.HEAD}, maxAge = 3600,
        exposedHeaders = {HttpHeaders.ETAG, StatuspageController.DATA_AT})
public class StatuspageController {

    public static final String DATA_AT = SnapshotResponses.DATA_AT;
    private static final String V2 = "/api/v2/";

    private final StatusService status;
    private final CacheControl cacheControl;

    public StatuspageController(StatusService status, StatusProperties properties) {
        this.status = status;
        this.cacheControl = CacheControl.maxAge(properties.cacheMaxAge().toSeconds(), TimeUnit.SECONDS).cachePublic();
    }

    @GetMapping({V2 + "summary.json", V2 + "status.json", V2 + "components.json", V2 + "incidents.json",
            V2 + "incidents/unresolved.json", V2 + "scheduled-maintenances.json",
            V2 + "scheduled-maintenances/upcoming.json", V2 + "scheduled-maintenances/active.json"})
    public ResponseEntity<byte[]> api(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return serve(path.substring(V2.length()), request);
    }

    @GetMapping("/history.atom")
    public ResponseEntity<byte[]> atom(HttpServletRequest request) {
        return serve("history.atom", request);
    }

    @GetMapping("/history.rss")
    public ResponseEntity<byte[]> rss(HttpServletRequest request) {
        return serve("history.rss", request);
    }

    private ResponseEntity<byte[]> serve(String name, HttpServletRequest request) {
        StatusSnapshot snapshot = status.snapshot();
        StatusSnapshot.Rendered body = snapshot.rendered().get(name);
        if (body == null) {
            return ResponseEntity.notFound().build();
        }
        String dataAt = snapshot.dataReadAt() == null ? "never"
                : DateTimeFormatter.ISO_INSTANT.format(snapshot.dataReadAt());
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && SnapshotResponses.matches(ifNoneMatch, body.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(body.etag()).cacheControl(cacheControl)
                    .header(DATA_AT, dataAt).build();
        }
        return ResponseEntity.ok().eTag(body.etag()).cacheControl(cacheControl)
                .contentType(MediaType.parseMediaType(body.contentType()))
                .header(DATA_AT, dataAt)
                .body(body.body());
    }
}
