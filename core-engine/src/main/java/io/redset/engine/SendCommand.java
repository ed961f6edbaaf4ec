package io.redset.engine;

/**
 * A request to send an envelope. Validated by the engine ({@link ClaimEngine#send}); every rule
 * broken is reported with the name of its field.
 *
 * @param requestId optional client key: a repeat by the same sender returns the first envelope
 * @param probe     true for traffic of RedSet's own canary probes, kept out of business metrics
 */
public record SendCommand(String senderId, long totalFen, int count, SplitMode mode, String greeting,
                          String requestId, boolean probe) {

    public static SendCommand of(String senderId, long totalFen, int count, SplitMode mode) {
        return new SendCommand(senderId, totalFen, count, mode, null, null, false);
    }

    public SendCommand withRequestId(String newRequestId) {
        return new SendCommand(senderId, totalFen, count, mode, greeting, newRequestId, probe);
    }

    public SendCommand withGreeting(String newGreeting) {
        return new SendCommand(senderId, totalFen, count, mode, newGreeting, requestId, probe);
    }
}
