package io.redset.engine;

/** The answer to "may this user still open it?", given from memory. reason is null when canOpen. */
public record GrabAnswer(boolean canOpen, ClaimOutcome reason) {

    public static final GrabAnswer OPEN = new GrabAnswer(true, null);

    public static GrabAnswer closed(ClaimOutcome reason) {
        return new GrabAnswer(false, reason);
    }
}
