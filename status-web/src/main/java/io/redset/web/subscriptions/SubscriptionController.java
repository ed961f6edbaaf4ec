package io.redset.web.subscriptions;

import io.redset.engine.InvalidInputException;
import io.redset.web.api.JsonInput;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
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
 *   <li>{@code GET /api/v1/status/subscriptions/confirm?token=...} (the {@code confirm_url} of that message);</li>
 *   <li>{@code POST /api/v1/status/subscriptions/unsubscribe?token=...} ({@code meta.unsubscribe} of every
 *       message, and the RFC 8058 one-click unsubscribe of the mail's {@code List-Unsubscribe}); GET only
 *       redirects to the manage page;</li>
 *   <li>{@code GET /api/v1/status/subscriptions/manage?token=...} the subscription, and {@code PUT} with
 *       {@code {"components":[...]}} to change what it follows (empty: everything).</li>
 * </ul>
 * The answer to a subscription request never tells whether the target was already subscribed.
 * Subscribing is rate limited per client address ({@code redset.status.subscribe-limit.*}: 429 with
 * {@code Retry-After}); behind a proxy set {@code server.forward-headers-strategy} so the address is the client's.
 */
@RestController
@RequestMapping("/api/v1/status/subscriptions")
class SubscriptionController {

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
        List<String> components = components(bytes);
        if (in.has("email")) {
            subscriptions.subscribe(SubscriptionDelivery.Channel.EMAIL, in.requiredString("email"), components, request.getRemoteAddr());
        } else {
            subscriptions.subscribe(SubscriptionDelivery.Channel.WEBHOOK, in.requiredString("webhook"), components,
                    request.getRemoteAddr());
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "pending_confirmation",
                "detail", "A confirmation message was sent; nothing is delivered before it is confirmed."));
    }

    @GetMapping("/confirm")
    public ResponseEntity<Map<String, Object>> confirm(@RequestParam(name = "token", required = false) String token) {
        return subscriptions.confirm(token).isPresent() ? ResponseEntity.ok(Map.of("status", "confirmed")) : unknownToken();
    }

    /** POST unsubscribes: RFC 8058 one-click (its form body {@code List-Unsubscribe=One-Click} is not needed) and API clients. */
    @PostMapping("/unsubscribe")
    public ResponseEntity<Map<String, Object>> unsubscribe(@RequestParam(name = "token", required = false) String token) {
        return subscriptions.unsubscribe(token) ? ResponseEntity.ok(Map.of("status", "unsubscribed")) : unknownToken();
    }

    /**
     * GET changes nothing (mail software and scanners fetch the {@code List-Unsubscribe} URL by
     * themselves): it sends a person to the manage page, where a button unsubscribes.
     */
    @GetMapping("/unsubscribe")
    public ResponseEntity<Void> unsubscribePage(@RequestParam(name = "token", required = false) String token) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(java.net.URI.create("/subscription?token="
                + java.net.URLEncoder.encode(token == null ? "" : token, java.nio.charset.StandardCharsets.UTF_8))).build();
    }

    @GetMapping("/manage")
    public ResponseEntity<Map<String, Object>> manage(@RequestParam(name = "token", required = false) String token) {
        return subscriptions.find(token).map(s -> ResponseEntity.ok(Map.<String, Object>of(
                        "id", s.id(), "channel", s.channel().name().toLowerCase(Locale.ROOT), "target", s.target(),
                        "components", s.components(), "status", s.confirmed() ? "confirmed" : "pending_confirmation")))
                .orElseGet(SubscriptionController::unknownToken);
    }

    @PutMapping(path = "/manage", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> changeComponents(@RequestParam(name = "token", required = false) String token,
                                                                HttpServletRequest request) throws IOException {
        byte[] bytes = request.getInputStream().readNBytes(JsonInput.MAX_BODY_BYTES + 1);
        if (bytes.length > JsonInput.MAX_BODY_BYTES) {
            throw new io.redset.web.api.PayloadTooLargeException(JsonInput.MAX_BODY_BYTES);
        }
        JsonInput in = JsonInput.parse(bytes);
        for (String f : in.fieldNames()) {
            if (!f.equals("components")) {
                throw new InvalidInputException(f, "is not a field of this request; known: components");
            }
        }
        if (!in.has("components")) {
            throw new InvalidInputException("components", "is required: the component ids to follow, [] for all");
        }
        if (!subscriptions.changeComponents(token, components(bytes))) {
            return unknownToken();
        }
        return manage(token);
    }

    private static List<String> components(byte[] body) {
        List<String> components = new ArrayList<>();
        JsonNode c = MAPPER.readTree(body).get("components");
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
        return components;
    }

    private static ResponseEntity<Map<String, Object>> unknownToken() {
        return ResponseEntity.status(404).body(Map.of("status", "unknown_token"));
    }
}
