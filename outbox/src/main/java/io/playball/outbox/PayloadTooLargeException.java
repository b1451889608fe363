package io.playball.outbox;

/**
 * A payload larger than the outbox sends, refused by {@link OutboxWriter#append} before anything is written: the
 * change's transaction decides what to do with it, where a relay could only fail the send again and again.
 */
public class PayloadTooLargeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final long bytes;
    private final long limit;

    public PayloadTooLargeException(String eventId, long bytes, long limit) {
        super("The payload of event " + eventId + " is " + bytes + " bytes in UTF-8, more than the " + limit
                + " the outbox sends: the smaller of playball.outbox.payload.max.bytes and the channel's"
                + " max.request.size less room for the record's key and headers");
        this.bytes = bytes;
        this.limit = limit;
    }

    /** The payload's size in UTF-8. */
    public long bytes() {
        return bytes;
    }

    /** The most the outbox takes. */
    public long limit() {
        return limit;
    }
}
