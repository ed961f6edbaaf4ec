package io.redset.web.subscriptions;

import io.redset.engine.InvalidInputException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a subscriber may give as a target, written one way: one inbox or hook is one row whatever
 * the letter case. Stateless.
 */
final class SubscriberTargets {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{2,63}");

    private SubscriberTargets() {
    }

    static String field(SubscriptionDelivery.Channel channel) {
        return channel == SubscriptionDelivery.Channel.EMAIL ? "email" : "webhook";
    }

    /**
     * The target checked for form: an address in lower case, a URL with lower-case scheme and host
     * (its path is kept as given) and without fragment.
     *
     * @throws InvalidInputException naming {@code email} or {@code webhook}
     */
    static String normalise(SubscriptionDelivery.Channel channel, String target) {
        if (target == null || target.isBlank() || target.length() > 2000) {
            throw new InvalidInputException(field(channel), "is required (at most 2000 characters)");
        }
        String t = target.trim();
        if (channel == SubscriptionDelivery.Channel.EMAIL) {
            return emailAddress(t);
        }
        URI uri;
        try {
            uri = URI.create(t);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("webhook", "must be an http(s) URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getUserInfo() != null) {
            throw new InvalidInputException("webhook", "must be an http(s) URL with a host and no credentials");
        }
        return scheme + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT)
                + (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /**
     * A plain addr-spec ({@code local@domain.tld}) in lower case, nothing else. The address goes
     * into the mail's {@code To} and the SMTP {@code RCPT TO}: a display name, a second address
     * after {@code ,} or {@code ;}, a group, a comment in {@code ()}, a quoted local part or a
     * control character would let one subscription name other or more recipients, or add header
     * lines. So the address must be printable ASCII without {@code <>",;()[]\:} and spaces, match
     * the shape of {@link #EMAIL}, and parse strictly as exactly itself with no personal part.
     */
    static String emailAddress(String t) {
        String refused = "must be a plain e-mail address such as name@example.org "
                + "(ASCII, no name, spaces, quotes, <>,;() or control characters)";
        for (int k = 0; k < t.length(); k++) {
            char c = t.charAt(k);
            if (c <= 0x20 || c >= 0x7F || "<>\",;()[]\\:".indexOf(c) >= 0) {
                throw new InvalidInputException("email", refused);
            }
        }
        if (!EMAIL.matcher(t).matches()) {
            throw new InvalidInputException("email", refused);
        }
        InternetAddress parsed;
        try {
            parsed = new InternetAddress(t, true);
        } catch (AddressException e) {
            throw new InvalidInputException("email", refused);
        }
        if (parsed.getPersonal() != null || !t.equals(parsed.getAddress())) {
            throw new InvalidInputException("email", refused);
        }
        return t.toLowerCase(Locale.ROOT);
    }
}
