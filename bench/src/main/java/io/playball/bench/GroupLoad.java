package io.playball.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.net.http.HttpResponse;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Group changes at a fixed rate beside the user load, so that both outboxes publish at once: each bench group, owned
 * by one user, goes round a member joining, the group renamed, the member leaving. Each change that succeeds puts
 * one event on {@code group-events} (MemberJoined, GroupRenamed, MemberLeft). One change in flight per group; a change
 * that finds every group busy is skipped, as in {@link Load}.
 */
final class GroupLoad {

    /** One bench group, where it is in its round, and its version as the last answer gave it. */
    static final class Slot {
        final BenchUser owner;
        final String memberId;
        final AtomicBoolean busy = new AtomicBoolean();
        volatile int step;  // 0 a member joins, 1 the group is renamed, 2 the member leaves
        volatile long version = -1;

        Slot(BenchUser owner, String memberId) {
            this.owner = owner;
            this.memberId = memberId;
        }
    }

    private final PlayBallClient client;
    private final List<Slot> slots;
    private final String run;
    private final Turns<Slot> turns;

    GroupLoad(PlayBallClient client, List<Slot> slots, String run) {
        this.client = client;
        this.slots = slots;
        this.run = run;
        this.turns = new Turns<>(slots, s -> s.busy);
    }

    /** The groups' ids, by which their events are told from others on the topic. */
    Set<String> groupIds() {
        return Set.copyOf(slots.stream().map(s -> s.owner.groupId).toList());
    }

    /** Sends {@code rate × seconds} group changes on schedule, then waits for the last answers. */
    Load.Result run(int rate, int seconds, String label) {
        Histogram http = new ConcurrentHistogram(60_000_000L, 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
        long skipped = 0;
        long total = (long) rate * seconds;
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long wait = start + i * period - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Slot slot = turns.takeIdle();
            if (slot == null) {
                skipped++;
                continue;
            }
            long sent = System.nanoTime();
            int step = slot.step;
            send(slot, step, "Bench group " + run + " " + label + i).whenComplete((response, failure) -> {
                http.recordValue(Math.min((System.nanoTime() - sent) / 1_000, http.getHighestTrackableValue()));
                int expected = switch (step) {
                    case 0 -> 201;
                    case 1 -> 200;
                    default -> 204;
                };
                if (failure == null && response.statusCode() == expected) {
                    if (step < 2) {
                        slot.version = PlayBallClient.json(response.body()).getJsonNumber("version").longValue();
                    }
                    ok.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                    if (errorSamples.size() < 5) {
                        errorSamples.add(failure != null ? failure.toString() : PlayBallClient.describe(response));
                    }
                }
                // on to the next step whatever the answer: a join that failed is followed by a rename (a 409 if the
                // version is unknown), then a leave (404 if not a member), and the round starts again
                slot.step = (step + 1) % 3;
                slot.busy.set(false);
            });
        }
        long elapsed = System.nanoTime() - start;
        turns.awaitIdle();
        List<String> samples;
        synchronized (errorSamples) {
            samples = List.copyOf(errorSamples);
        }
        return new Load.Result(total, skipped, ok.get(), errors.get(), elapsed, http, Set.of(), samples);
    }

    private CompletableFuture<HttpResponse<String>> send(Slot slot, int step, String name) {
        BenchUser owner = slot.owner;
        return switch (step) {
            case 0 -> client.addMember(owner.token, owner.groupId, slot.memberId);
            case 1 -> client.renameGroup(owner.token, owner.groupId, name, slot.version);
            default -> client.removeMember(owner.token, owner.groupId, slot.memberId);
        };
    }
}
