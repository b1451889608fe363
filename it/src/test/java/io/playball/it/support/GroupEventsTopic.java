package io.playball.it.support;

/** The topic groups' outbox publishes group events to, keyed by group id. */
public final class GroupEventsTopic {

    public static final String TOPIC = "group-events";

    private GroupEventsTopic() {
    }

    /** Reads it from now on, every partition, without a consumer group. */
    public static UserEventsTopic open() {
        return new UserEventsTopic(TOPIC);
    }
}
