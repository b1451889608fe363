package io.playball.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileTest {

    private static final List<String> COLLAPSED = List.of(
            "java/lang/Thread.run;org/apache/cxf/Servlet.service;io/playball/auth/account/AccountService.rename;"
                    + "org/eclipse/persistence/Query.execute;org/postgresql/PgStatement.execute;"
                    + "java/net/SocketOutputStream.write 60",
            "java/lang/Thread.run;org/apache/cxf/Servlet.service;io/playball/auth/api/MyAccountResource.update;"
                    + "org/eclipse/yasson/Serializer.write 20",
            "java/lang/Thread.run;org/apache/kafka/clients/producer/internals/Sender.run;sun/nio/ch/Net.poll 15",
            "thread_native_entry;G1ParScanThreadState::trim_queue 5");

    @Test
    void chargesEachSampleToTheFirstPartNamedFromTheLeaf() {
        Profile profile = Profile.parse("cpu", COLLAPSED);

        assertEquals(100, profile.samples());
        Map<String, Double> shares = profile.shares();
        assertEquals(List.of("PostgreSQL driver", "JSON (JSON-B, JSON-P)", "Kafka clients", "GC"),
                List.copyOf(shares.keySet()), "largest first; the socket write is the driver's, not the JDK's");
        assertEquals(60.0, shares.get("PostgreSQL driver"));
        assertEquals(5.0, shares.get("GC"));
        assertEquals(80.0, profile.through("org/apache/cxf/"));
    }

    @Test
    void aStackNamingNoPartIsOther() {
        assertEquals(Profile.Part.OTHER, Profile.chargedTo(List.of("java/lang/Thread.run", "java/util/HashMap.get")));
    }

    @Test
    void drawsEveryFrameWideEnoughAsABoxWithItsShare(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("flame.svg");

        FlameGraph.write(Profile.parse("cpu", COLLAPSED), "test <profile>", svg);

        String text = Files.readString(svg);
        assertTrue(text.startsWith("<svg "), text);
        assertTrue(text.contains("<title>org/postgresql/PgStatement.execute (60.00%, PostgreSQL driver)</title>"),
                text);
        assertTrue(text.contains("test &lt;profile&gt;"), "the title is escaped");
        assertFalse(text.contains("<profile>"));
    }
}
