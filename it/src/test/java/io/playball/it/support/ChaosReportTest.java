package io.playball.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.playball.it.support.LagTimeline.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chaos report's two measures of a fault's end, on made-up timelines. */
class ChaosReportTest {

    private static final Instant END = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void recoveredAtTheFirstEventOfTwoSecondsUnderTheLimit() {
        List<Sample> samples = new ArrayList<>();
        samples.add(applied(500, 5_000));    // the backlog
        samples.add(applied(1_000, 90));     // under the limit, but followed by one over it
        samples.add(applied(1_500, 300));
        samples.add(applied(2_000, 20));     // from here on every event is under the limit
        samples.add(applied(3_000, 40));
        samples.add(applied(3_900, 60));
        samples.add(applied(4_100, 2_000));  // more than two seconds later: another story

        assertEquals(Duration.ofMillis(2_000), ChaosReport.recovery(samples, END, END.plusSeconds(60)));
    }

    @Test
    void notRecoveredWhenTheNextFaultComesFirst() {
        List<Sample> samples = List.of(applied(500, 5_000), applied(1_000, 4_000));

        assertNull(ChaosReport.recovery(samples, END, END.plusSeconds(2)));
    }

    @Test
    void caughtUpWhenTheLastEventCommittedBeforeTheEndIsApplied() {
        List<Sample> samples = List.of(
                applied(-100, 50),       // committed and applied before the end
                applied(3_000, 4_000),   // committed 1 s before the end, applied 3 s after it
                applied(3_500, 100));    // committed after the end: not the backlog

        assertEquals(Duration.ofMillis(3_000), ChaosReport.caughtUp(samples, END));
        assertEquals(Duration.ZERO, ChaosReport.caughtUp(List.of(applied(-100, 50)), END));
    }

    /** An event applied this many ms after the end, with this lag in ms. */
    private static Sample applied(long afterEndMs, long lagMs) {
        return new Sample(END.plusMillis(afterEndMs), lagMs * 1_000);
    }
}
