package io.playball.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void steadyRunsTheIssuesDefaultsAndQuickShortensThem() {
        Options full = Options.parse(new String[] {"steady"});
        assertEquals(500, full.rate());
        assertEquals(60, full.seconds());
        assertEquals(200, full.users());
        assertEquals(0, full.warmupSeconds());

        Options quick = Options.parse(new String[] {"steady", "--quick"});
        assertEquals(15, quick.seconds());
        assertEquals(100, quick.users());
    }

    @Test
    void anOptionGivenByNameWinsOverQuick() {
        Options options = Options.parse(new String[] {"steady", "--quick", "--seconds", "30", "--warmup", "120"});
        assertEquals(30, options.seconds());
        assertEquals(120, options.warmupSeconds());
    }

    @Test
    void eachScenarioHasItsOwnDefaults() {
        assertEquals(100_000, Options.parse(new String[] {"drain"}).changes());
        assertEquals(5_000, Options.parse(new String[] {"drain", "--quick"}).changes());
        assertEquals(10_000, Options.parse(new String[] {"rest", "--quick"}).changes());
        assertEquals(300, Options.parse(new String[] {"ramp"}).users());
    }

    @Test
    void floorMeasuresEachLayerBrieflyAfterAShortWarmUpThatCanBeLeftOut() {
        Options floor = Options.parse(new String[] {"floor"});
        assertEquals(20, floor.seconds());
        assertEquals(5, floor.warmupSeconds());
        assertEquals(32, floor.inFlight());
        assertEquals(10, Options.parse(new String[] {"floor", "--quick"}).seconds());
        assertEquals(0, Options.parse(new String[] {"floor", "--warmup", "0"}).warmupSeconds());
        assertEquals("jdbc:postgresql://127.0.0.1:5432/test", floor.jdbcUrl());
    }

    @Test
    void peerDebeziumDefaultsAndItsTableNameIsCheckedBeforeItGoesIntoSql() {
        Options peer = Options.parse(new String[] {"peer-debezium"});
        assertEquals(30_000, peer.changes());
        assertEquals(1, peer.rounds());
        assertEquals("public.outbox_event", peer.outboxTable());
        assertEquals("playball_auth.outbox_event",
                Options.parse(new String[] {"peer-debezium", "--outbox-table", "playball_auth.outbox_event"})
                        .outboxTable());
        assertThrows(IllegalArgumentException.class, () -> Options.parse(
                new String[] {"peer-debezium", "--outbox-table", "outbox_event; DROP TABLE account"}).outboxTable());
    }

    @Test
    void atMostTwoServers() {
        assertEquals(1, Options.parse(new String[] {"steady"}).servers());
        assertEquals(2, Options.parse(new String[] {"steady", "--servers", "2"}).servers());
        assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[] {"steady", "--servers", "3"}).servers());
    }

    @Test
    void anUnknownOptionIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[] {"steady", "--rat", "500"}));
        assertTrue(e.getMessage().startsWith("unknown option --rat"), e.getMessage());
    }

    @Test
    void theChartsCommandTakesTheResultFile() {
        assertEquals("bench/results/x.json", Options.parse(new String[] {"charts", "bench/results/x.json"}).target());
    }
}
