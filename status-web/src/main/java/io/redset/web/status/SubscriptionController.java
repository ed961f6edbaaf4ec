package io.redset.web.status;

import io.redset.engine.InvalidInputException;
import io.redset.web.api.JsonInput;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Public subscription endpoints:
 * <ul>
 *   <li>{@code GET /api/v1/status/subscriptions} -> {@code {"channels":["webhook","email"]}}, what this page offers;</li>
 *   <li>{@code POST /api/v1/status/subscriptions} {@code {"email":"..."}} or {@code {"webhook":"https://..."}},
 *       optional {@code "components":["set-00"]} -> 202; a confirmation message goes to the target;</li>
 *   <li>{@code GET /api/v1/status/subscriptions/confirm?token=...} (the link in that message);</li>
 *   <li>{@code GET /api/v1/status/subscriptions/unsubscribe?token=...} (the link in every message).</li>
 * </ul>
 * The answer never tells whether a target was already subscribed.
 */
@RestController
@RequestMapping("/api/v1/status/subscriptions")
public class SubscriptionController {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final SubscriptionService subscriptions;

    public SubscriptionController(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GetMapping
    public Map<String, List<String>> channels() {
        List<String> offered = new ArrayList<>();
        for (SubscriptionDelivery.Channel c : SubscriptionDelivery.Channel.values()) {
            if (subscriptions.offers(c)) {
                offered.add(c.name().toLowerCase(Locale.ROOT));
            }
        }
        return Map.of("channels", offered);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, String>> subscribe(HttpServletRequest request) throws IOException {
        byte[] bytes = request.getInputStream().readNBytes(JsonInput.MAX_BODY_BYTES + 1);
        if (bytes.length > JsonInput.MAX_BODY_BYTES) {
            throw new io.redset.web.api.PayloadTooLargeException(JsonInput.MAX_BODY_BYTES);
        }
        JsonInput in = JsonInput.parse(bytes);
        for (String f : in.fieldNames()) {
            if (!List.of("email", "webhook", "components").contains(f)) {
                throw new InvalidInputException(f, "is not a field of this request; known: components, email, webhook");
            }
        }
        if (in.has("email") == in.has("webhook")) {
            throw new InvalidInputException("email", "give exactly one of email or webhook");
        }
        List<String> components = new ArrayList<>();
        JsonNode c = MAPPER.readTree(bytes).get("components");
        if (c != null && !c.isNull()) {
            if (!c.isArray()) {
                throw new InvalidInputException("components", "must be an array of component ids");
            }
            for (JsonNode id : c) {
                if (!id.isString()) {
                    throw new InvalidInputException("components", "must be an array of component ids");
                }
                components.add(id.stringValue());
            }
        }
        if (in.has("email")) {
            subscriptions.subscribe(SubscriptionDelivery.Channel.EMAIL, in.requiredString("email"), components);
        } else {
            subscriptions.subscribe(SubscriptionDelivery.Channel.WEBHOOK, in.requiredString("webhook"), components);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "pending_confirmation",
                "detail", "A confirmation message was sent; nothing is delivered before it is confirmed."));
    }

    @GetMapping("/confirm")
    public ResponseEntity<Map<String, String>> confirm(@RequestParam(name = "token", required = false) String token) {
        return subscriptions.confirm(token) ? ResponseEntity.ok(Map.of("status", "confirmed"))
                : ResponseEntity.status(404).body(Map.of("status", "unknown_token"));
    }

    @GetMapping("/unsubscribe")
    public ResponseEntity<Map<String, String>> unsubscribe(@RequestParam(name = "token", required = false) String token) {
        return subscriptions.unsubscribe(token) ? ResponseEntity.ok(Map.of("status", "unsubscribed"))
                : ResponseEntity.status(404).body(Map.of("status", "unknown_token"));
    }
}
