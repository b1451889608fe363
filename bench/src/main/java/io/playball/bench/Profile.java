package io.playball.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profile as collapsed stacks ({@code root;...;leaf count}) and where its samples go. Each sample is charged to one
 * part of the stack, the first that a frame names when read from the leaf toward the root: time spent in the JDK or
 * the kernel on behalf of the PostgreSQL driver is the driver's. Parts are ordered by how specific they are.
 */
record Profile(String event, List<Stack> stacks, long samples) {

    /** What a frame belongs to, by the package or the native function it names. */
    enum Part {
        POSTGRESQL("PostgreSQL driver", "org/postgresql/", "org.postgresql."),
        DERBY("Derby", "org/apache/derby/", "org.apache.derby."),
        KAFKA("Kafka clients", "org/apache/kafka/", "org.apache.kafka."),
        JSON("JSON (JSON-B, JSON-P)", "org/eclipse/yasson/", "org/eclipse/parsson/", "org/glassfish/json/"),
        JWT("JWT (mpJwt, jose4j)", "org/jose4j/", "security/mp/jwt", "security/jwt/"),
        TELEMETRY("OpenTelemetry", "io/opentelemetry/"),
        PLAYBALL("PlayBall", "io/playball/"),
        JPA("EclipseLink", "org/eclipse/persistence/"),
        TRANSACTIONS("Transactions (JTA)", "com/ibm/tx/", "com/ibm/ws/tx/"),
        CONNECTIONS("Connection pool (JCA)", "com/ibm/ws/rsadapter/", "com/ibm/ejs/j2c/", "com/ibm/ws/jca/"),
        CDI("CDI (Weld)", "org/jboss/weld/"),
        SECURITY("Security (Liberty)", "com/ibm/ws/security/", "com/ibm/websphere/security/"),
        REST("REST (CXF)", "org/apache/cxf/", "com/ibm/ws/jaxrs"),
        REACTIVE("Reactive Messaging", "io/smallrye/", "com/ibm/ws/microprofile/reactive/"),
        HTTP("HTTP (Liberty)", "com/ibm/ws/http", "com/ibm/ws/webcontainer", "com/ibm/ws/tcpchannel",
                "com/ibm/io/async", "com/ibm/ws/channelfw"),
        GC("GC", "G1", "GCTaskThread", "ConcurrentGCThread", "WorkerThread::run"),
        JIT("JIT compiler", "CompileBroker"),
        OTHER("other (JDK, Liberty, JVM)");

        final String label;
        private final String[] marks;

        Part(String label, String... marks) {
            this.label = label;
            this.marks = marks;
        }

        boolean names(String frame) {
            for (String mark : marks) {
                if (frame.contains(mark)) {
                    return true;
                }
            }
            return false;
        }

        static Part of(String frame) {
            for (Part part : values()) {
                if (part.names(frame)) {
                    return part;
                }
            }
            return OTHER;
        }
    }

    /** One distinct stack, root first. */
    record Stack(List<String> frames, long count) {
    }

    static Profile parse(String event, List<String> collapsed) {
        List<Stack> stacks = new ArrayList<>();
        long samples = 0;
        for (String line : collapsed) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            long count = Long.parseLong(line.substring(space + 1).trim());
            stacks.add(new Stack(List.of(line.substring(0, space).split(";")), count));
            samples += count;
        }
        return new Profile(event, stacks, samples);
    }

    /** The stacks in async-profiler's collapsed form again, for other tools (and the diff of two profiles). */
    List<String> collapsed() {
        return stacks.stream().map(s -> String.join(";", s.frames()) + " " + s.count()).toList();
    }

    /** The part a whole stack is charged to: the first frame from the leaf that names one. */
    static Part chargedTo(List<String> frames) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            Part part = Part.of(frames.get(i));
            if (part != Part.OTHER) {
                return part;
            }
        }
        return Part.OTHER;
    }

    /** Share of the samples, in percent, per part, largest first. */
    Map<String, Double> shares() {
        Map<Part, Long> counts = new LinkedHashMap<>();
        for (Stack stack : stacks) {
            counts.merge(chargedTo(stack.frames()), stack.count(), Long::sum);
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<Part, Long>comparingByValue().reversed())
                .forEach(e -> shares.put(e.getKey().label,
                        samples == 0 ? 0.0 : Math.round(1000.0 * e.getValue() / samples) / 10.0));
        return shares;
    }

    /** Share of the samples, in percent, whose stack passes through a frame containing {@code mark}. */
    double through(String mark) {
        long count = stacks.stream().filter(s -> s.frames().stream().anyMatch(f -> f.contains(mark)))
                .mapToLong(Stack::count).sum();
        return samples == 0 ? 0.0 : Math.round(1000.0 * count / samples) / 10.0;
    }
}
