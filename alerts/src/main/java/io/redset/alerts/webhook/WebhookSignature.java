package io.redset.alerts.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Signs subscriber webhooks so that a receiver can tell RedSet's posts from anyone else's who
 * learned the URL. Header {@code X-RedSet-Signature: t=<unix seconds>,v1=<hex>} where the hex is
 * HMAC-SHA256 with the subscriber's secret over {@code <t>.<body>} (the raw body bytes as UTF-8).
 * The time is that of the attempt, so a receiver also refuses replays (e.g. older than 5 minutes).
 *
 * <p>Written here rather than taken from a library: it is one JDK {@link Mac} call, and the format
 * (the common timestamped-HMAC scheme) is what receivers check with a few lines of their own.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-RedSet-Signature";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A new secret: {@code whsec_} and 32 random bytes, base64url. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The header value for a body sent at {@code epochSecond}. */
    public static String header(String secret, long epochSecond, String body) {
        return "t=" + epochSecond + ",v1=" + hmac(secret, epochSecond + "." + body);
    }

    /**
     * What a receiver does: true when the header is a valid signature of the body by the secret and
     * its time is within {@code tolerance} of {@code now} (older posts may be replays).
     */
    public static boolean verify(String secret, String header, String body, java.time.Instant now, java.time.Duration tolerance) {
        if (header == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        if (t == null || v1 == null || !t.matches("\\d{1,12}")) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - Long.parseLong(t)) > tolerance.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, t + "." + body).getBytes(StandardCharsets.US_ASCII),
                v1.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
