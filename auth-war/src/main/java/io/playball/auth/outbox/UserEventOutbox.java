package io.playball.auth.outbox;

import io.playball.auth.event.UserEvent;
import io.playball.auth.event.UserEventCodec;
import io.playball.outbox.OutboxMessage;
import io.playball.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Auth's events into the library's outbox: the record key is the user id, the payload the event's JSON. */
@ApplicationScoped
public class UserEventOutbox {

    @Inject
    UserEventCodec codec;

    @Inject
    OutboxWriter outbox;

    /** In the caller's transaction (required): the change and its event commit or roll back together. */
    public void append(UserEvent event) {
        outbox.append(new OutboxMessage(event.eventId().toString(), event.type().name(), event.userId(),
                event.userVersion(), event.occurredAt(), codec.encode(event)));
    }
}
