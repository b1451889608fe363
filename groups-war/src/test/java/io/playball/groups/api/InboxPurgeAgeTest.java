package io.playball.groups.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an operator's inbox purge may ask for: never the rows that still catch redeliveries, never a 500. */
class InboxPurgeAgeTest {

    private static final Duration RETENTION = Duration.ofDays(7);
    private static final Duration MINIMUM = Duration.ofHours(1);

    @Test
    void withoutAnAgeTheConfiguredRetentionIsPurged() {
        assertEquals(RETENTION, InboxAdminResource.purgeAge(null, RETENTION, MINIMUM));
    }

    @Test
    void anAgeFromTheMinimumToACenturyIsTaken() {
        assertEquals(MINIMUM, InboxAdminResource.purgeAge("PT1H", RETENTION, MINIMUM));
        assertEquals(Duration.ofDays(36_500), InboxAdminResource.purgeAge("P36500D", RETENTION, MINIMUM));
    }

    @Test
    void zeroNegativeOrYoungerThanTheMinimumIsRefused() {
        for (String tooYoung : List.of("PT0S", "-PT1H", "PT59M59S")) {
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> InboxAdminResource.purgeAge(tooYoung, RETENTION, MINIMUM)).getMessage()
                    .contains("playball.inbox.purge.min-age"), tooYoung);
        }
    }

    @Test
    void aHugeOrMalformedAgeIsRefused() {
        for (String bad : List.of("P36501D", "PT2562047788015215H", "P999999999999D", "PT9999999999999999999H",
                "one hour", "")) {
            assertThrows(IllegalArgumentException.class, () -> InboxAdminResource.purgeAge(bad, RETENTION, MINIMUM),
                    bad);
        }
    }
}
