package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.Groups;
import io.playball.it.support.Json;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.Ops;
import io.playball.it.support.Poll;
import io.playball.it.support.TopicWriter;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The topics keep the contracts their owners publish, auth's at {@code /auth/asyncapi} and groups' at
 * {@code /groups/asyncapi}. The class makes the product write every type of event on every path a record takes
 * (sent at once after commit, by the sweep once a held relay is released, at an operator's word, re-emitted, and
 * written by groups' consumer when an account leaves its groups), then checks those records: a body and headers
 * that the document's JSON Schemas accept, CloudEvents attributes that agree with the body, and the dead-letter
 * headers on every record it had parked. It reads only the records it made, so it runs in any order with the others.
 * A CloudEvents SDK reads the records as they are.
 */
@MicroShedTest
@OnEachDatabase
class EventContractIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String DOCUMENT = "https://playball.io/asyncapi.yaml";
    private static final String GROUPS_DOCUMENT = "https://playball.io/groups/asyncapi.yaml";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String AUTH_OUTBOX = "/auth/api/admin/outbox";
    private static final String GROUPS_OUTBOX = "/groups/api/admin/outbox";
    /** Where this class's records begin on each topic (a second early, for the clocks of the relay and the test). */
    private static Instant classStart;

    private static Contract users;
    private static Contract groups;

    @BeforeAll
    static void readTheDocuments() {
        classStart = Instant.now().minusSeconds(1);
        Api.awaitReady();
        users = Contract.served("/auth/asyncapi", DOCUMENT, "user-events", "io.playball.user.", "userId",
                "UserId", "UserEventHeaders");
        groups = Contract.served("/groups/asyncapi", GROUPS_DOCUMENT, "group-events", "io.playball.group.",
                "groupId", "GroupId", "GroupEventHeaders");
    }

    /**
     * One topic's contract: its owner's document, and what ties a record's key and headers to its body.
     *
     * @param keyField the body's field the record key repeats (and {@code ce_subject})
     */
    private record Contract(JsonNode document, SchemaRegistry schemas, String uri, String topic, String typePrefix,
                            String keyField, String keySchema, String headersSchema) {

        static Contract served(String path, String uri, String topic, String typePrefix, String keyField,
                               String keySchema, String headersSchema) {
            HttpResponse<String> served = Api.get(path, null);
            assertEquals(200, served.statusCode(), served.body());
            assertTrue(served.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));
            SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, r -> r
                    .schemas(Map.of(uri, served.body()))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
            return new Contract(YAMLMapper.builder().build().readTree(served.body()), schemas, uri, topic, typePrefix,
                    keyField, keySchema, headersSchema);
        }

        Schema schema(String name) {
            return schemas.getSchema(SchemaLocation.of(uri + "#/components/schemas/" + name));
        }

        /** The message types of the topic's channel. */
        Set<String> types() {
            Set<String> types = new HashSet<>();
            document.path("channels").forEach(channel -> {
                if (channel.path("address").asString().equals(topic)) {
                    channel.path("messages").forEach(m -> types.add(
                            m.path("$ref").asString().substring("#/components/messages/".length())));
                }
            });
            return types;
        }
    }

    @Test
    void theDocumentDescribesBothTopics() {
        assertEquals("3.0.0", users.document().path("asyncapi").asString());
        Set<String> addresses = new HashSet<>();
        users.document().path("channels").forEach(channel -> addresses.add(channel.path("address").asString()));
        assertEquals(Set.of("user-events", "user-events.dlq"), addresses);
    }

    @Test
    void groupsDocumentDescribesItsTopicAndEveryTypeItWrites() {
        assertEquals("3.0.0", groups.document().path("asyncapi").asString());
        Set<String> addresses = new HashSet<>();
        groups.document().path("channels").forEach(channel -> addresses.add(channel.path("address").asString()));
        assertEquals(Set.of("group-events"), addresses);
        assertEquals(Set.of("GroupCreated", "GroupRenamed", "GroupDeleted", "MemberJoined", "MemberRoleChanged",
                "MemberLeft"), groups.types());
    }

    @Test
    void theSchemasRefuseWhatBreaksTheContract() {
        String good = "{\"eventId\":\"5f0c2b1e-8d4a-4f7e-9a0b-3c1d2e4f5a6b\",\"type\":\"UserUpdated\","
                + "\"schemaVersion\":1,"
                + "\"userId\":\"4edd41c2-7b3e-4a8f-8c55-0f1e2d3c4b5a\",\"userVersion\":2,"
                + "\"occurredAt\":\"2026-11-27T23:59:01.123456Z\",\"displayName\":\"Ada\"}";
        assertEquals(List.of(), users.schema("UserUpdated").validate(JSON.readTree(good)));
        for (String bad : List.of(good.replace(",\"displayName\":\"Ada\"", ""),
                good.replace("5f0c2b1e-8d4a-4f7e-9a0b-3c1d2e4f5a6b", "five"),
                good.replace("\"schemaVersion\":1", "\"schemaVersion\":2"),
                good.replace("2026-11-27T23:59:01.123456Z", "yesterday"),
                good.replace("\"userVersion\":2", "\"userVersion\":0"))) {
            assertFalse(users.schema("UserUpdated").validate(JSON.readTree(bad)).isEmpty(), bad);
        }
    }

    @Test
    void everyUserEventKeepsTheContractOnEveryPath() {
        User sentAtOnce = Accounts.register("contract", "Emmy Noether");  // every type, on the fast path
        assertEquals(200, Accounts.rename(sentAtOnce, "Amalie Emmy Noether", 1).statusCode());
        assertEquals(204, Api.delete("/auth/api/users/me", sentAtOnce.token()).statusCode());
        User swept;
        User sentOnRequest;
        hold(AUTH_OUTBOX);
        try {  // rows read back from the database before they are sent
            swept = Accounts.register("contract-swept", "Sophie Germain");
            sentOnRequest = Accounts.register("contract-sent", "Mary Somerville");
            String eventId = waitingRow(AUTH_OUTBOX, sentOnRequest.id()).getString("eventId");
            HttpResponse<String> send = Api.send("POST", AUTH_OUTBOX + "/" + eventId + "/send", Ops.token(), null,
                    null, Map.of());
            assertEquals(202, send.statusCode(), send.body());
        } finally {
            release(AUTH_OUTBOX);
        }
        Ops.awaitUserView("the registration sent on request applied", sentOnRequest.id(),
                v -> v.getInt("version") == 1);
        HttpResponse<String> reemit = Api.send("POST", "/auth/api/admin/users/" + sentOnRequest.id() + "/reemit",
                Ops.token(), null, null, Map.of());
        assertEquals(202, reemit.statusCode(), reemit.body());

        Map<String, Integer> expected = Map.of(sentAtOnce.id(), 3, swept.id(), 1, sentOnRequest.id(), 2);
        List<ConsumerRecord<String, String>> records = Poll.until("this test's six events", DEADLINE,
                () -> writtenSinceClassStart("user-events", new StringDeserializer()).stream()
                        .filter(r -> expected.containsKey(r.key())).toList(),
                mine -> expected.entrySet().stream().allMatch(e -> mine.stream()
                        .filter(r -> e.getKey().equals(r.key())).count() >= e.getValue()));
        assertKept(users, records);
    }

    @Test
    void everyGroupEventKeepsGroupsContractOnEveryPath() {
        User ada = Accounts.register("contract-group", "Ada");
        User bob = Accounts.register("contract-member", "Bob");
        String groupId = Groups.create(ada.token(), "Contract");  // every type, on the fast path
        Groups.addMember(ada.token(), groupId, bob.id(), "PARTICIPANT");
        assertEquals(200, Api.send("POST", "/groups/api/groups/" + groupId + "/members", ada.token(),
                "application/json", "{\"userId\":\"" + bob.id() + "\",\"role\":\"ADMIN\"}", Map.of()).statusCode());
        rename(ada, groupId, "Contract kept");
        assertEquals(204, Api.delete("/groups/api/groups/" + groupId + "/members/" + bob.id(), bob.token())
                .statusCode());
        assertEquals(204, Api.delete("/groups/api/groups/" + groupId, ada.token()).statusCode());

        User carl = Accounts.register("contract-departing", "Carl");
        User dora = Accounts.register("contract-staying", "Dora");
        String departed = Groups.create(carl.token(), "Departure");
        Groups.addMember(carl.token(), departed, dora.id(), "PARTICIPANT");
        hold(GROUPS_OUTBOX);
        try {  // sent by the sweep once released
            rename(carl, departed, "Departure swept");
        } finally {
            release(GROUPS_OUTBOX);
        }
        // written by groups' consumer as it applies the deletion: Carl leaves, Dora is promoted
        assertEquals(204, Api.delete("/auth/api/users/me", carl.token()).statusCode());

        Map<String, Integer> expected = Map.of(groupId, 7, departed, 5);
        List<ConsumerRecord<String, String>> records = Poll.until("this test's twelve group events", DEADLINE,
                () -> writtenSinceClassStart("group-events", new StringDeserializer()).stream()
                        .filter(r -> expected.containsKey(r.key())).toList(),
                mine -> expected.entrySet().stream().allMatch(e -> mine.stream()
                        .filter(r -> e.getKey().equals(r.key())).count() >= e.getValue()));
        assertEquals(Set.of("GroupCreated", "GroupRenamed", "GroupDeleted", "MemberJoined", "MemberRoleChanged",
                "MemberLeft"), records.stream().map(r -> JSON.readTree(r.value()).path("type").asString())
                .collect(Collectors.toSet()));
        assertKept(groups, records);
    }

    private static void rename(User admin, String groupId, String name) {
        long version = Json.parse(Groups.get(admin.token(), groupId).body()).getJsonNumber("version").longValue();
        assertEquals(200, Api.putJson("/groups/api/groups/" + groupId, admin.token(),
                "{\"name\":\"" + name + "\",\"version\":" + version + "}").statusCode());
    }

    private static void hold(String outbox) {
        assertEquals(204, Api.send("POST", outbox + "/hold", Ops.token(), null, null, Map.of()).statusCode());
    }

    private static void release(String outbox) {
        assertEquals(204, Api.send("DELETE", outbox + "/hold", Ops.token(), null, null, Map.of()).statusCode());
    }

    /** The row waiting in a held outbox whose body's {@code field} is {@code value}. */
    private static JsonObject waitingRow(String outbox, String key) {
        return Json.parseArray(Api.get(outbox, Ops.token()).body()).stream()
                .filter(r -> key.equals(r.getString("key"))).findFirst()
                .orElseThrow(() -> new AssertionError("no row of " + key + " waiting in " + outbox));
    }

    private static void assertKept(Contract contract, List<ConsumerRecord<String, String>> records) {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (ConsumerRecord<String, String> record : records) {
            checked++;
            broken.addAll(violations(contract, record));
        }
        System.out.println("EventContractIT: " + checked + " records on " + contract.topic() + " checked");
        assertTrue(broken.isEmpty(), broken.size() + " violations, the first ones: "
                + broken.subList(0, Math.min(20, broken.size())));
    }

    @Test
    void everyParkedRecordCarriesTheDeadLetterHeaders() throws Exception {
        String notJson = UUID.randomUUID().toString();
        String unknownType = UUID.randomUUID().toString();
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(notJson, "not an event");
            writer.send(unknownType, TopicWriter.event(UUID.randomUUID(), "UserPromoted", unknownType, 1, "Nobody"));
        }
        List<ConsumerRecord<String, String>> parked = Poll.until("both records parked", DEADLINE,
                () -> writtenSinceClassStart("user-events.dlq", new StringDeserializer()).stream()
                        .filter(r -> notJson.equals(r.key()) || unknownType.equals(r.key())).toList(),
                mine -> mine.stream().map(ConsumerRecord::key).collect(Collectors.toSet()).size() == 2);
        Schema headers = users.schema("DeadLetterHeaders");
        List<String> broken = new ArrayList<>();
        for (ConsumerRecord<String, String> record : parked) {
            headers.validate(headersOf(record)).forEach(e -> broken.add(where(record) + " headers: " + e.getMessage()));
        }
        assertTrue(broken.isEmpty(), broken.toString());
    }

    @Test
    void aCloudEventsConsumerReadsTheRecordsAsTheyAre() {
        User user = Accounts.register("cloudevents", "Lise Meitner");
        List<ConsumerRecord<String, CloudEvent>> records = Poll.until("the registration as a CloudEvent", DEADLINE,
                () -> writtenSinceClassStart("user-events", new ProductRecordsAsCloudEvents()),
                all -> all.stream().anyMatch(r -> user.id().equals(r.key())));
        ConsumerRecord<String, CloudEvent> record = records.stream().filter(r -> user.id().equals(r.key()))
                .findFirst().orElseThrow();
        CloudEvent event = record.value();
        JsonNode body = JSON.readTree(event.getData().toBytes());

        assertEquals(body.path("eventId").asString(), event.getId());
        assertEquals("io.playball.user.UserRegistered", event.getType());
        assertEquals("/playball/auth", event.getSource().toString());
        assertEquals(user.id(), event.getSubject());
        assertEquals(Instant.parse(body.path("occurredAt").asString()), event.getTime().toInstant());
        assertEquals("application/json", event.getDataContentType());
        assertEquals("Lise Meitner", body.path("displayName").asString());
    }

    /** The SDK's deserializer, on the records the product wrote: those tests wrote straight to the topic are none. */
    private static final class ProductRecordsAsCloudEvents implements Deserializer<CloudEvent> {

        private final CloudEventDeserializer sdk = new CloudEventDeserializer();

        @Override
        public CloudEvent deserialize(String topic, byte[] data) {
            throw new UnsupportedOperationException("a CloudEvent in binary mode needs the record's headers");
        }

        @Override
        public CloudEvent deserialize(String topic, Headers headers, byte[] data) {
            return headers.lastHeader(TopicWriter.WRITTEN_BY_TEST) != null
                    ? null : sdk.deserialize(topic, headers, data);
        }
    }

    /** What is wrong with one record the product wrote, against its topic's document and against itself. */
    private static List<String> violations(Contract contract, ConsumerRecord<String, String> record) {
        List<String> found = new ArrayList<>();
        JsonNode body;
        try {
            body = JSON.readTree(record.value());
        } catch (RuntimeException e) {
            return List.of(where(record) + ": the body is not JSON");
        }
        String type = body.path("type").asString();
        if (!contract.types().contains(type)) {
            return List.of(where(record) + ": type " + type + " is not in the document");
        }
        contract.schema(type).validate(body).forEach(e -> found.add(where(record) + " body: " + e.getMessage()));
        JsonNode declared = contract.document().at("/components/schemas/" + type + "/properties");
        body.propertyNames().forEach(field -> {
            if (!declared.has(field)) {
                found.add(where(record) + ": field " + field + " is not in the document");
            }
        });
        ObjectNode headers = headersOf(record);
        contract.schema(contract.headersSchema()).validate(headers).forEach(e -> found.add(where(record) + " headers: "
                + e.getMessage()));
        contract.schema(contract.keySchema()).validate(JSON.getNodeFactory().stringNode(record.key()))
                .forEach(e -> found.add(where(record) + " key: " + e.getMessage()));
        Map<String, String> agree = Map.of(
                "ce_id", body.path("eventId").asString(),
                "eventId", body.path("eventId").asString(),
                "ce_type", contract.typePrefix() + type,
                "ce_time", body.path("occurredAt").asString(),
                "ce_subject", body.path(contract.keyField()).asString());
        agree.forEach((header, expected) -> {
            if (!expected.equals(headers.path(header).asString())) {
                found.add(where(record) + ": header " + header + " is " + headers.path(header) + ", the body says "
                        + expected);
            }
        });
        if (!body.path(contract.keyField()).asString().equals(record.key())) {
            found.add(where(record) + ": the key is not the body's " + contract.keyField());
        }
        return found;
    }

    private static ObjectNode headersOf(ConsumerRecord<?, ?> record) {
        ObjectNode headers = JSON.createObjectNode();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /** Everything on the topic from this class's start to its end now; the caller picks its own records by key. */
    private static <V> List<ConsumerRecord<String, V>> writtenSinceClassStart(String topic, Deserializer<V> values) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty("playball.kafka.bootstrap", "127.0.0.1:9092"));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, DEADLINE).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(partitions.stream()
                    .collect(Collectors.toMap(Function.identity(), p -> classStart.toEpochMilli())));
            List<TopicPartition> toRead = partitions.stream()
                    .filter(p -> start.get(p) != null && start.get(p).offset() < end.get(p)).toList();
            consumer.assign(toRead);
            toRead.forEach(p -> consumer.seek(p, start.get(p).offset()));
            List<ConsumerRecord<String, V>> records = new ArrayList<>();
            Instant deadline = Instant.now().plus(DEADLINE);
            while (toRead.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertFalse(Instant.now().isAfter(deadline), "reading " + topic + " to its end took too long");
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            records.removeIf(r -> r.offset() >= end.get(new TopicPartition(r.topic(), r.partition())));
            return records;
        }
    }
}
