package io.playball.outbox.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The rows a relay holds, one lane per key, each lane in the order its rows must reach the topic. Only a lane's head
 * is ever out for sending; the next row of a key goes once the broker has its predecessor, so that a failed send
 * can never be overtaken by a later row of its key. At most {@code capacity} rows in all. A lane that had to refuse a
 * row of its key takes no later row of that key until it ends: the refused row is let go, to be sent by the sweep,
 * and a later row joining the lane meanwhile would overtake it. A row that follows joins its key's lane only right
 * behind the row one place before it: the relay learns of commits in the order their after-commit observers run,
 * which need not be the order of the commits. Thread-safe.
 *
 * @param <T> a row on its way
 */
final class KeyLanes<T> {

    /** What became of a row offered to the lanes. */
    enum Admission {
        /** the head of a new lane: send it now */
        HEAD,
        /** behind the rows of its key already held */
        QUEUED,
        /** not taken: the lanes are full, or its key's lane refused an earlier row */
        FULL,
        /** not taken: it must follow rows of its key that are no longer held, or not yet */
        NO_LANE
    }

    private final Function<T, String> key;
    private final ToLongFunction<T> place;
    private final Predicate<T> follows;
    private final int capacity;
    private final Map<String, Deque<T>> lanes = new HashMap<>();
    /** Keys whose lane refused a row: it takes no more rows until it ends. */
    private final Set<String> closed = new HashSet<>();
    private int held;

    /**
     * @param place   a row's place among the rows of its key: one past the row before it
     * @param follows whether a row was written or claimed behind rows of its key held outside its batch: it joins a
     *                lane of its key only right behind the row one place before it
     */
    KeyLanes(Function<T, String> key, ToLongFunction<T> place, Predicate<T> follows, int capacity) {
        this.key = key;
        this.place = place;
        this.follows = follows;
        this.capacity = capacity;
    }

    /**
     * @param mayLead whether the row may start a lane of its own if its key has none (false: it only follows rows
     *                already held, right behind the row one place before it)
     */
    synchronized Admission offer(T row, boolean mayLead) {
        Deque<T> lane = lanes.get(key.apply(row));
        if (held >= capacity || lane != null && closed.contains(key.apply(row))) {
            return refuse(row);
        }
        if (lane != null && (!mayLead || follows.test(row))
                && place.applyAsLong(lane.peekLast()) != place.applyAsLong(row) - 1) {
            return Admission.NO_LANE;  // the row right before it is not the lane's last
        }
        if (lane != null) {
            lane.addLast(row);
            held++;
            return Admission.QUEUED;
        }
        if (!mayLead) {
            return Admission.NO_LANE;
        }
        lane = new ArrayDeque<>();
        lane.add(row);
        lanes.put(key.apply(row), lane);
        held++;
        return Admission.HEAD;
    }

    /**
     * Offers a batch of rows, each key's in their order, under one lock, so that no other row of their keys comes
     * between two of them; once one is refused, so is every row after it, and a row with no lane to follow takes the
     * later rows of its key with it.
     *
     * @param mayLead whether a row may start a lane of its own (see {@link #offer})
     * @return each row's admission: FULL from the first refusal on
     */
    synchronized List<Admission> offerAll(List<T> rows, Predicate<T> mayLead) {
        List<Admission> admissions = new ArrayList<>(rows.size());
        Set<String> unplaced = new HashSet<>();
        boolean refused = false;
        for (T row : rows) {
            Admission admission;
            if (refused) {
                admission = refuse(row);
            } else if (unplaced.contains(key.apply(row))) {
                admission = Admission.NO_LANE;
            } else {
                admission = offer(row, mayLead.test(row));
            }
            refused |= admission == Admission.FULL;
            if (admission == Admission.NO_LANE) {
                unplaced.add(key.apply(row));
            }
            admissions.add(admission);
        }
        return admissions;
    }

    /** Refuses a row: its key's lane, if there is one, takes no later row until it ends. */
    private Admission refuse(T row) {
        if (lanes.containsKey(key.apply(row))) {
            closed.add(key.apply(row));
        }
        return Admission.FULL;
    }

    /** The head of its lane has reached the broker: the lane's next row, now its head, or null if the lane is done. */
    synchronized T advance(T head) {
        Deque<T> lane = lanes.get(key.apply(head));
        if (lane == null || lane.peekFirst() != head) {
            return null;  // the lane was dropped meanwhile (the relay stopped)
        }
        lane.removeFirst();
        held--;
        if (lane.isEmpty()) {
            lanes.remove(key.apply(head));
            closed.remove(key.apply(head));
            return null;
        }
        return lane.peekFirst();
    }

    /** Drops the head's whole lane (its send failed, or it may no longer be sent): the rows that were behind it. */
    synchronized List<T> drop(T head) {
        Deque<T> lane = lanes.get(key.apply(head));
        if (lane == null || lane.peekFirst() != head) {
            return List.of();
        }
        lanes.remove(key.apply(head));
        closed.remove(key.apply(head));
        held -= lane.size();
        lane.removeFirst();
        return new ArrayList<>(lane);
    }

    /** The keys whose lanes hold at least {@code rows} rows. */
    synchronized Set<String> keysHolding(int rows) {
        Set<String> keys = new HashSet<>();
        lanes.forEach((k, lane) -> {
            if (lane.size() >= rows) {
                keys.add(k);
            }
        });
        return keys;
    }

    /** How many more rows the lanes take now. */
    synchronized int room() {
        return capacity - held;
    }

    synchronized void clear() {
        lanes.clear();
        closed.clear();
        held = 0;
    }
}
