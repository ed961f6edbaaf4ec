package io.redset.web.claims;

import io.redset.engine.ClaimEngine;
import io.redset.engine.EnvelopeDetails;
import io.redset.engine.EnvelopeId;
import io.redset.engine.SendCommand;
import io.redset.engine.SendReceipt;
import io.redset.engine.SplitMode;
import io.redset.web.api.JsonInput;
import io.redset.web.security.ApiCaller;
import io.redset.web.security.ApiScope;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;

/**
 * The claim API ({@code /api/v1/envelopes}): send, grab, claim, details. A thin adapter: it maps
 * JSON types onto the engine's commands and the answers back to JSON; every rule about money and
 * ranges is the engine's. Errors become problems in {@link io.redset.web.api.ApiExceptionHandler}.
 * Every call is authenticated (SecurityConfiguration); {@link ClaimAccess} decides what the caller
 * may do and for which user.
 */
@RestController
@RequestMapping(EnvelopeController.BASE)
class EnvelopeController {

    static final String BASE = "/api/v1/envelopes";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final ClaimEngine engine;

    public EnvelopeController(ClaimEngine engine) {
        this.engine = engine;
    }

    /** Sends an envelope. A repeated requestId of the same sender answers with the first envelope. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<EnvelopeJson.Sent> send(HttpServletRequest request, Authentication authentication)
            throws IOException {
        ApiCaller caller = ClaimAccess.caller(authentication);
        ClaimAccess.require(caller, ApiScope.SEND);
        JsonInput in = JsonInput.read(request);
        SendCommand command = new SendCommand(
                ClaimAccess.actingUser(caller, in, "senderId"),
                in.requiredLong("totalFen"),
                in.requiredInt("count"),
                in.requiredEnum("mode", SplitMode.class),
                in.optionalString("greeting"),
                in.optionalString("requestId"),
                false);
        SendReceipt receipt = engine.send(command, caller.sets());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create(BASE + "/" + receipt.envelopeId()));
        if (receipt.replayed()) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.body(EnvelopeJson.Sent.of(receipt));
    }

    /** May this user still open the envelope? Answered from memory. */
    @PostMapping(path = "/{id}/grab", consumes = MediaType.APPLICATION_JSON_VALUE)
    public EnvelopeJson.Grab grab(@PathVariable("id") String id, HttpServletRequest request,
                                  Authentication authentication) throws IOException {
        ApiCaller caller = ClaimAccess.caller(authentication);
        ClaimAccess.require(caller, ApiScope.CLAIM);
        EnvelopeId envelopeId = engine.parseEnvelopeId(id);
        ClaimAccess.requireSet(caller, envelopeId);
        String userId = ClaimAccess.actingUser(caller, JsonInput.read(request), "userId");
        return EnvelopeJson.Grab.of(engine.grab(envelopeId, userId));
    }

    /** Opens the envelope: the money transaction, idempotent per user. */
    @PostMapping(path = "/{id}/claims", consumes = MediaType.APPLICATION_JSON_VALUE)
    public EnvelopeJson.Claim claim(@PathVariable("id") String id, HttpServletRequest request,
                                    Authentication authentication) throws IOException {
        ApiCaller caller = ClaimAccess.caller(authentication);
        ClaimAccess.require(caller, ApiScope.CLAIM);
        EnvelopeId envelopeId = engine.parseEnvelopeId(id);
        ClaimAccess.requireSet(caller, envelopeId);
        String userId = ClaimAccess.actingUser(caller, JsonInput.read(request), "userId");
        return EnvelopeJson.Claim.of(engine.claim(envelopeId, userId));
    }

    @GetMapping("/{id}")
    public EnvelopeJson.Details details(@PathVariable("id") String id, Authentication authentication) {
        ApiCaller caller = ClaimAccess.caller(authentication);
        ClaimAccess.require(caller, ApiScope.READ);
        EnvelopeId envelopeId = engine.parseEnvelopeId(id);
        ClaimAccess.requireSet(caller, envelopeId);
        EnvelopeDetails details = engine.details(envelopeId);
        ClaimAccess.requireMayRead(caller, details);
        return EnvelopeJson.Details.of(details);
    }
}
