package io.playball.groups.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppliedEventLogTest {

    private static AppliedEventLog withCapacity(int capacity, int entries) {
        AppliedEventLog log = new AppliedEventLog();
        log.capacity = capacity;
        log.allocate();
        for (int i = 1; i <= entries; i++) {
            log.add("e" + i, "u", i, Instant.EPOCH, Instant.EPOCH.plusMillis(i));
        }
        return log;
    }

    @Test
    void aReaderPagesThroughEverythingInOrder() {
        AppliedEventLog log = withCapacity(10, 7);
        AppliedEventLog.Page first = log.after(0, 5);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), first.events().stream().map(AppliedEventLog.Entry::seq).toList());
        AppliedEventLog.Page second = log.after(first.next(), 5);
        assertEquals(List.of(6L, 7L), second.events().stream().map(AppliedEventLog.Entry::seq).toList());
        assertEquals(0, second.missed());
        AppliedEventLog.Page none = log.after(second.next(), 5);
        assertEquals(List.of(), none.events());
        assertEquals(7, none.next());
    }

    @Test
    void aReaderThatFellBehindTheRingIsToldHowManyItMissed() {
        AppliedEventLog log = withCapacity(4, 10);  // keeps 7..10
        AppliedEventLog.Page page = log.after(2, 100);
        assertEquals(4, page.missed());  // 3, 4, 5, 6
        assertEquals(List.of("e7", "e8", "e9", "e10"),
                page.events().stream().map(AppliedEventLog.Entry::eventId).toList());
        assertEquals(10, page.next());
    }
}
