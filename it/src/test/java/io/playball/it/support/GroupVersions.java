package io.playball.it.support;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What group-events' contract promises a consumer, read off the topic: per group, the first copy of each event in the
 * order of the group's changes, every version there. Events of one change share its version, and a later copy of an
 * event (a send retried after a lost acknowledgement) may come after newer ones, so only first copies count.
 */
public final class GroupVersions {

    private GroupVersions() {
    }

    /** The first copies' versions per group, in the order of the topic (one key is one partition). */
    public static Map<String, List<Long>> firstCopies(List<ConsumerRecord<String, String>> records) {
        Set<String> seen = new HashSet<>();
        Map<String, List<Long>> versions = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonObject body = Json.parse(record.value());
            if (seen.add(body.getString("eventId"))) {
                versions.computeIfAbsent(record.key(), k -> new ArrayList<>())
                        .add(body.getJsonNumber("groupVersion").longValue());
            }
        }
        return versions;
    }

    /**
     * Each group whose first copies go back in version, or skip one, described; none for a topic that keeps the
     * contract. Every group here was created while the topic was read, so its versions start at 1.
     */
    public static List<String> faults(Map<String, List<Long>> firstCopies) {
        List<String> faults = new ArrayList<>();
        firstCopies.forEach((group, versions) -> {
            long expected = 1;
            for (long version : versions) {
                if (version == expected - 1) {
                    continue;  // another event of the same change
                }
                if (version != expected) {
                    faults.add(group + ": version " + version + " where " + expected + " was due, in " + versions);
                    return;
                }
                expected++;
            }
        });
        return faults;
    }
}
