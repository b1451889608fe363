package io.playball.platform.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a schema was last migrated from: a SHA-256 of the changelog's text, of the files it includes, of its parameters
 * and of Liquibase's version, kept in a table of its own after each successful migration. A start that finds the same
 * fingerprint has nothing to migrate and need not start Liquibase, whose own start takes seconds; an edited or added
 * changeSet, an included file, a parameter or another Liquibase makes another fingerprint, and Liquibase runs.
 */
final class SchemaFingerprint {

    static final String TABLE = "playball_schema_fingerprint";
    private static final Pattern INCLUDE = Pattern.compile("<include\\s[^>]*file=\"([^\"]+)\"[^>]*>");

    private SchemaFingerprint() {
    }

    /**
     * The fingerprint, or empty when it cannot be told from the files alone (an {@code includeAll}, an include
     * relative to its changelog, a file missing): such a changelog always runs through Liquibase.
     */
    static Optional<String> of(String changelog, ClassLoader resources, Map<String, String> parameters)
            throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        sha256.update(String.valueOf(liquibase.Scope.class.getPackage().getImplementationVersion())
                .getBytes(StandardCharsets.UTF_8));
        sha256.update(new TreeMap<>(parameters).toString().getBytes(StandardCharsets.UTF_8));
        return digest(changelog, resources, sha256, 0) ? Optional.of(HexFormat.of().formatHex(sha256.digest()))
                : Optional.empty();
    }

    private static boolean digest(String path, ClassLoader resources, MessageDigest sha256, int depth)
            throws IOException {
        byte[] text;
        try (InputStream in = resources.getResourceAsStream(path)) {
            if (in == null || depth > 10) {
                return false;
            }
            text = in.readAllBytes();
        }
        sha256.update(path.getBytes(StandardCharsets.UTF_8));
        sha256.update(text);
        String xml = new String(text, StandardCharsets.UTF_8);
        if (xml.contains("<includeAll") || xml.contains("relativeToChangelogFile=\"true\"")) {
            return false;
        }
        Matcher include = INCLUDE.matcher(xml);
        while (include.find()) {
            if (!digest(include.group(1), resources, sha256, depth + 1)) {
                return false;
            }
        }
        return true;
    }

    /** True if the schema was last migrated from this fingerprint; false without a record, or without the table. */
    static boolean recorded(Connection connection, String changelog, String fingerprint) {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT fingerprint FROM " + TABLE + " WHERE changelog = ?")) {
            select.setString(1, changelog);
            try (ResultSet r = select.executeQuery()) {
                return r.next() && fingerprint.equals(r.getString(1));
            }
        } catch (SQLException e) {
            return false;  // no table yet: a first migration
        }
    }

    /** Records the fingerprint the schema now answers to, making the table on first use. */
    static void record(Connection connection, String changelog, String fingerprint) throws SQLException {
        if (update(connection, changelog, fingerprint) == 0) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + TABLE + " (changelog, fingerprint) VALUES (?, ?)")) {
                insert.setString(1, changelog);
                insert.setString(2, fingerprint);
                insert.executeUpdate();
            }
        }
    }

    private static int update(Connection connection, String changelog, String fingerprint) throws SQLException {
        String sql = "UPDATE " + TABLE + " SET fingerprint = ? WHERE changelog = ?";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, fingerprint);
            update.setString(2, changelog);
            return update.executeUpdate();
        } catch (SQLException noTable) {
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE TABLE " + TABLE + " (changelog VARCHAR(255) NOT NULL PRIMARY KEY,"
                        + " fingerprint VARCHAR(64) NOT NULL)");
            }
            return 0;
        }
    }
}
