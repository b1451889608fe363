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
import io.playball.it.support.Poll;
import io.playball.it.support.TopicWriter;
import java.lang.management.ManagementFactory;
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
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The topics keep the contracts their owners publish, auth's at {@code /auth/asyncapi} and groups' at
 * {@code /groups/asyncapi}: every record the product wrote to {@code user-events} and {@code group-events} while the
 * suite ran (all but those tests wrote straight to the topic) has a body and headers that the document's JSON Schemas
 * accept, its CloudEvents attributes agree with its body, and every parked record carries the dead-letter headers the
 * document names. Runs after the other tests (junit-platform.properties orders classes by {@link Order}), so that it
 * reads what they made the product write. A CloudEvents SDK reads the records as they are.
 */
@MicroShedTest
@Order(Integer.MAX_VALUE)
class EventContractIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String DOCUMENT = "https://playball.io/asyncapi.yaml";
    private static final String GROUPS_DOCUMENT = "https://playball.io/groups/asyncapi.yaml";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Instant SUITE_START =
            Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());

    private static Contract users;
    private static Contract groups;

    @BeforeAll
    static void readTheDocuments() {
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
    void everyRecordTheProductWroteKeepsTheContract() {
        User user = Accounts.register("contract", "Emmy Noether");  // so that the topic holds all three types
        assertEquals(200, Accounts.rename(user, "Amalie Emmy Noether", 1).statusCode());
        assertEquals(204, Api.delete("/auth/api/users/me", user.token()).statusCode());

        List<ConsumerRecord<String, String>> records = Poll.until("this test's three events", DEADLINE,
                () -> writtenSinceSuiteStart("user-events", new StringDeserializer()),
                all -> all.stream().filter(r -> user.id().equals(r.key())).count() == 3);
        assertKept(users, records);
    }

    @Test
    void everyGroupEventTheProductWroteKeepsGroupsContract() {
        User ada = Accounts.register("contract-group", "Ada");
        User bob = Accounts.register("contract-member", "Bob");
        String groupId = Groups.create(ada.token(), "Contract");  // so that the topic holds every type
        Groups.addMember(ada.token(), groupId, bob.id(), "PARTICIPANT");
        assertEquals(200, Api.send("POST", "/groups/api/groups/" + groupId + "/members", ada.token(),
                "application/json", "{\"userId\":\"" + bob.id() + "\",\"role\":\"ADMIN\"}", Map.of()).statusCode());
        long version = Json.parse(Groups.get(ada.token(), groupId).body()).getJsonNumber("version").longValue();
        assertEquals(200, Api.putJson("/groups/api/groups/" + groupId, ada.token(),
                "{\"name\":\"Contract kept\",\"version\":" + version + "}").statusCode());
        assertEquals(204, Api.delete("/groups/api/groups/" + groupId + "/members/" + bob.id(), bob.token())
                .statusCode());
        assertEquals(204, Api.delete("/groups/api/groups/" + groupId, ada.token()).statusCode());

        List<ConsumerRecord<String, String>> records = Poll.until("this test's seven group events", DEADLINE,
                () -> writtenSinceSuiteStart("group-events", new StringDeserializer()),
                all -> all.stream().filter(r -> groupId.equals(r.key())).count() == 7);
        assertKept(groups, records);
    }

    private static void assertKept(Contract contract, List<ConsumerRecord<String, String>> records) {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (ConsumerRecord<String, String> record : records) {
            if (record.headers().lastHeader(TopicWriter.WRITTEN_BY_TEST) != null) {
                continue;
            }
            checked++;
            broken.addAll(violations(contract, record));
        }
        System.out.println("EventContractIT: " + checked + " records the product wrote to " + contract.topic()
                + ", checked");
        assertTrue(broken.isEmpty(), broken.size() + " violations, the first ones: "
                + broken.subList(0, Math.min(20, broken.size())));
    }

    @Test
    void everyParkedRecordCarriesTheDeadLetterHeaders() throws Exception {
        String key = UUID.randomUUID().toString();
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(key, "not an event");  // so that the dead-letter topic holds at least one record
        }
        List<ConsumerRecord<String, String>> parked = Poll.until("the record parked", DEADLINE,
                () -> writtenSinceSuiteStart("user-events.dlq", new StringDeserializer()),
                all -> all.stream().anyMatch(r -> key.equals(r.key())));
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
                () -> writtenSinceSuiteStart("user-events", new ProductRecordsAsCloudEvents()),
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

    /**
     * Everything on the topic from the start of this test run (this JVM's start: earlier records are an earlier
     * run's, on a broker that a build without {@code clean} keeps) to its end now.
     */
    private static <V> List<ConsumerRecord<String, V>> writtenSinceSuiteStart(String topic, Deserializer<V> values) {
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
                    .collect(Collectors.toMap(Function.identity(), p -> SUITE_START.toEpochMilli())));
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
