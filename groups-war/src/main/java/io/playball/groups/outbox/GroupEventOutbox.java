package io.playball.groups.outbox;

import io.playball.groups.event.GroupEvent;
import io.playball.groups.event.GroupEventCodec;
import io.playball.outbox.OutboxMessage;
import io.playball.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Groups' events into the library's outbox: the record key is the group id, the payload the event's JSON. */
@ApplicationScoped
public class GroupEventOutbox {

    @Inject
    GroupEventCodec codec;

    @Inject
    OutboxWriter outbox;

    /** In the caller's transaction (required): the change and its events commit or roll back together. */
    public void append(GroupEvent event) {
        outbox.append(new OutboxMessage(event.eventId().toString(), event.type().name(), event.groupId(),
                event.groupVersion(), event.occurredAt(), codec.encode(event)));
    }
}
