package io.playball.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Reading group-events as its contract tells a consumer to, on made-up topics. */
class GroupVersionsTest {

    private final List<ConsumerRecord<String, String>> topic = new ArrayList<>();

    private void event(String group, String eventId, long version) {
        topic.add(new ConsumerRecord<>("group-events", 0, topic.size(), group,
                "{\"eventId\":\"" + eventId + "\",\"groupVersion\":" + version + "}"));
    }

    private List<String> faults() {
        return GroupVersions.faults(GroupVersions.firstCopies(topic));
    }

    @Test
    void eventsOfOneChangeShareItsVersionAndALateCopyIsNotCounted() {
        event("g", "created", 1);
        event("g", "joined", 1);
        event("g", "renamed", 2);
        event("g", "joined", 1);  // a copy sent again after a lost acknowledgement
        event("g", "left", 3);
        event("g", "deleted", 3);

        assertEquals(Map.of("g", List.of(1L, 1L, 2L, 3L, 3L)), GroupVersions.firstCopies(topic));
        assertEquals(List.of(), faults());
    }

    @Test
    void aVersionThatComesBackIsAFault() {
        event("g", "created", 1);
        event("g", "renamed", 3);
        event("g", "joined", 2);

        assertEquals(1, faults().size(), faults().toString());
    }

    @Test
    void aMissingVersionIsAFault() {
        event("g", "created", 1);
        event("g", "renamed", 2);
        event("g", "left", 4);

        assertEquals(List.of("g: version 4 where 3 was due, in [1, 2, 4]"), faults());
    }

    @Test
    void anEventOfAnEarlierChangeAfterANewerOneIsAFault() {
        event("g", "created", 1);
        event("g", "renamed", 2);
        event("g", "joined", 1);

        assertEquals(1, faults().size(), faults().toString());
    }

    @Test
    void eachGroupIsReadOnItsOwn() {
        event("a", "a1", 1);
        event("b", "b1", 1);
        event("a", "a2", 2);
        event("b", "b2", 2);

        assertEquals(List.of(), faults());
    }
}
