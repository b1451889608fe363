package io.playball.outbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.playball.outbox.internal.KeyLanes.Admission;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relay's rows, one lane per key: which row may go to the producer, and what a full relay refuses. */
class KeyLanesTest {

    /** A row on its way, with its place among its key's rows; compared by identity in the lanes, as sends are. */
    /** @param follows written or claimed behind rows of its key held outside its batch */
    private record Row(String key, long place, boolean follows) {
        Row(String key, long place) {
            this(key, place, false);
        }
    }

    private static final Row A1 = new Row("a", 0);
    private static final Row A2 = new Row("a", 1);
    private static final Row A3 = new Row("a", 2);
    private static final Row B1 = new Row("b", 0);
    private static final Row B2 = new Row("b", 1);
    private static final Row C1 = new Row("c", 0);

    private final KeyLanes<Row> lanes = lanes(10);

    private static KeyLanes<Row> lanes(int capacity) {
        return new KeyLanes<>(Row::key, Row::place, Row::follows, capacity);
    }

    @Test
    void onlyTheFirstRowOfAKeyIsAHeadTheLaterOnesQueueBehindIt() {
        assertEquals(Admission.HEAD, lanes.offer(A1, true));
        assertEquals(Admission.QUEUED, lanes.offer(A2, true));
        assertEquals(Admission.HEAD, lanes.offer(B1, true), "another key has a lane of its own");
        assertEquals(Admission.QUEUED, lanes.offer(A3, true));
        assertEquals(6, lanes.room());
    }

    @Test
    void advanceGivesTheNextHeadOfTheLaneAndEndsAnEmptyLane() {
        lanes.offer(A1, true);
        lanes.offer(A2, true);
        lanes.offer(B1, true);

        assertSame(A2, lanes.advance(A1));
        assertNull(lanes.advance(A2), "the lane is done");
        assertNull(lanes.advance(B1));
        assertEquals(10, lanes.room());
        assertEquals(Admission.HEAD, lanes.offer(A3, true), "a new lane for the key");
    }

    @Test
    void advanceOfARowThatIsNotTheHeadChangesNothing() {
        lanes.offer(A1, true);
        lanes.offer(A2, true);

        assertNull(lanes.advance(A2));
        assertEquals(8, lanes.room());
        assertSame(A2, lanes.advance(A1));
    }

    @Test
    void dropEndsTheLaneAndReturnsTheRowsBehindTheHeadInOrder() {
        lanes.offer(A1, true);
        lanes.offer(A2, true);
        lanes.offer(A3, true);
        lanes.offer(B1, true);

        assertEquals(List.of(A2, A3), lanes.drop(A1));
        assertEquals(9, lanes.room(), "only b1 is held");
        assertEquals(List.of(), lanes.drop(A1), "dropped once");
        assertEquals(Admission.HEAD, lanes.offer(A2, true), "the key starts afresh");
        assertNull(lanes.advance(B1), "other lanes are left alone");
    }

    @Test
    void theCapacityIsSharedByAllLanes() {
        KeyLanes<Row> small = lanes(3);
        assertEquals(Admission.HEAD, small.offer(A1, true));
        assertEquals(Admission.HEAD, small.offer(B1, true));
        assertEquals(Admission.QUEUED, small.offer(A2, true));
        assertEquals(0, small.room());

        assertEquals(Admission.FULL, small.offer(C1, true), "no new lane");
        assertEquals(Admission.FULL, small.offer(B2, true), "no room behind an existing head either");

        assertSame(A2, small.advance(A1));
        assertEquals(1, small.room());
        assertEquals(Admission.HEAD, small.offer(C1, true));
    }

    @Test
    void aFollowerWithNoLaneOfItsKeyIsRefusedAndTakesNoRoom() {
        assertEquals(Admission.NO_LANE, lanes.offer(A2, false));
        assertEquals(10, lanes.room());

        lanes.offer(A1, true);
        assertEquals(Admission.QUEUED, lanes.offer(A2, false), "behind the rows of its key it follows");
    }

    @Test
    void aFollowerJoinsItsKeysLaneOnlyRightBehindTheRowOnePlaceBeforeIt() {
        lanes.offer(A1, true);

        assertEquals(Admission.NO_LANE, lanes.offer(A3, false), "a2 has not come yet");
        assertEquals(9, lanes.room(), "refused rows take no room");
        assertEquals(Admission.QUEUED, lanes.offer(A2, false));
        assertEquals(Admission.QUEUED, lanes.offer(A3, false));
        assertEquals(Admission.QUEUED, lanes.offer(new Row("a", 7), true), "a row that may lead is not asked");
    }

    @Test
    void aLaneThatRefusedARowOfItsKeyTakesNoLaterRowOfThatKeyUntilItEnds() {
        KeyLanes<Row> small = lanes(2);
        small.offer(A1, true);
        small.offer(B1, true);
        assertEquals(Admission.FULL, small.offer(A2, false), "a2 is let go, to be sent by the sweep");
        assertNull(small.advance(B1));
        assertEquals(1, small.room());

        assertEquals(Admission.FULL, small.offer(A3, false), "a3 would overtake a2");
        assertEquals(Admission.HEAD, small.offer(C1, true), "other keys are taken");

        assertNull(small.advance(A1), "the lane ends");
        assertNull(small.advance(C1));
        assertEquals(Admission.HEAD, small.offer(A2, true), "a new lane takes the key's rows again");
        assertEquals(Admission.QUEUED, small.offer(A3, true));
    }

    @Test
    void aDroppedLaneNoLongerRefusesItsKey() {
        KeyLanes<Row> small = lanes(2);
        small.offer(A1, true);
        small.offer(B1, true);
        assertEquals(Admission.FULL, small.offer(A2, false));

        assertEquals(List.of(), small.drop(A1));
        assertEquals(Admission.HEAD, small.offer(A2, true));
        assertNull(small.advance(B1));
        assertEquals(Admission.QUEUED, small.offer(A3, true), "the new lane of the key takes its later rows");
    }

    @Test
    void aBatchIsTakenInOrderAndEveryRowAfterARefusalIsRefused() {
        KeyLanes<Row> small = lanes(3);
        small.offer(B1, true);

        assertEquals(List.of(Admission.HEAD, Admission.QUEUED, Admission.FULL, Admission.FULL),
                small.offerAll(List.of(A1, A2, C1, A3), row -> true));
        assertEquals(0, small.room());

        small.advance(B1);
        assertEquals(Admission.FULL, small.offer(A3, false), "a3 was refused: its lane takes no later row");
        assertEquals(Admission.HEAD, small.offer(C1, true), "c had no lane to close");
    }

    @Test
    void aBatchRowRefusedByAClosedLaneRefusesTheRestOfTheBatch() {
        KeyLanes<Row> small = lanes(2);
        small.offer(A1, true);
        small.offer(B1, true);
        small.offer(A2, false);  // refused: a's lane is closed
        small.advance(B1);

        assertEquals(List.of(Admission.FULL, Admission.FULL), small.offerAll(List.of(A3, C1), row -> true),
                "what the relay takes of a batch is always its first rows");
    }

    @Test
    void aBatchOfFollowersJoinsTheLanesOfTheRowsRightBeforeThemAndLeavesKeysWithoutOne() {
        lanes.offer(A1, true);
        lanes.offer(B1, true);
        lanes.advance(B1);  // b's lane has ended: b2 has nothing to follow

        assertEquals(List.of(Admission.QUEUED, Admission.NO_LANE, Admission.QUEUED, Admission.NO_LANE),
                lanes.offerAll(List.of(A2, B2, A3, new Row("b", 2)), row -> false));
        assertSame(A2, lanes.advance(A1));
        assertSame(A3, lanes.advance(A2));
        assertEquals(9, lanes.room(), "a3 alone is held: rows not taken take no room");
    }

    @Test
    void aRowOfABatchBehindOneWithNoLaneIsNotTakenEvenIfItMayLead() {
        lanes.offer(A1, true);
        lanes.advance(A1);

        assertEquals(List.of(Admission.NO_LANE, Admission.NO_LANE, Admission.HEAD),
                lanes.offerAll(List.of(A2, A3, C1), row -> row != A2),
                "a3 must not start a lane ahead of a2");
    }

    @Test
    void aFollowerThatMayLeadStartsALaneIfItsKeyHasNoneElseJoinsOnlyRightBehindItsPredecessor() {
        Row a3Follows = new Row("a", 2, true);
        assertEquals(Admission.HEAD, lanes.offer(a3Follows, true), "no lane of a: its predecessor has gone");
        lanes.clear();

        lanes.offer(A1, true);
        assertEquals(Admission.NO_LANE, lanes.offer(a3Follows, true), "a1 is the lane's last, not a2");
        assertEquals(Admission.QUEUED, lanes.offer(new Row("a", 1, true), true));
        assertEquals(Admission.QUEUED, lanes.offer(a3Follows, true));
    }

    @Test
    void clearLetsGoOfEveryLane() {
        lanes.offer(A1, true);
        lanes.offer(A2, true);
        lanes.clear();

        assertEquals(10, lanes.room());
        assertNull(lanes.advance(A1), "a send that completes after a stop finds no lane");
        assertEquals(List.of(), lanes.drop(A1));
    }
}
