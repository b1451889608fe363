package io.playball.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void theBenchSeesTheCpuItBurns() {
        ProcessCpu cpu = new ProcessCpu();
        ProcessCpu.Snapshot before = cpu.snapshot();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + 300_000_000L;  // CPU time, however busy the machine
        long spin = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            spin += Long.numberOfTrailingZeros(spin + 1);
        }
        Map<String, Double> seconds = cpu.snapshot().secondsSince(before);
        assertTrue(seconds.get("bench") >= 0.25, "0.3 CPU seconds spent show (in ticks of 10 ms): " + seconds
                + " (" + spin + ")");
        assertTrue(seconds.get("total") >= seconds.get("bench"));
    }

    @Test
    void aProcessCountsItsTicksSinceTheEarlierSnapshotAndANewOneCountsWhole() {
        ProcessCpu.Snapshot before = new ProcessCpu.Snapshot(Map.of("server", Map.of(10L, 500L),
                "postgres", Map.of(20L, 100L, 21L, 50L)));
        ProcessCpu.Snapshot after = new ProcessCpu.Snapshot(Map.of("server", Map.of(10L, 750L),
                "postgres", Map.of(20L, 160L, 22L, 40L)));  // 21 ended (lost), 22 started (whole)
        Map<String, Double> seconds = after.secondsSince(before);
        assertEquals(2.5, seconds.get("server"), 1e-9);
        assertEquals(1.0, seconds.get("postgres"), 1e-9);
        assertEquals(3.5, seconds.get("total"), 1e-9);
    }
}
