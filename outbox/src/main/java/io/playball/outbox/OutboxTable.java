package io.playball.outbox;

import io.playball.outbox.internal.OutboxSettings;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The outbox table's name, in one setting, {@value #SETTING} (default {@value #DEFAULT}): the entity's mapping, the
 * relay's vacuum and the library's changelog all take it from here. An application that renames the table sets it
 * once, in its {@code META-INF/microprofile-config.properties}, and hands {@link #changelogParameters()} to its
 * Liquibase run.
 */
public final class OutboxTable {

    public static final String SETTING = "playball.outbox.table";
    public static final String DEFAULT = "outbox_event";
    /** The property the library's changelog names its table, indexes and changeSets by. */
    public static final String CHANGELOG_PARAMETER = "outbox.table";

    private OutboxTable() {
    }

    /**
     * The configured name, checked: a name, or a schema and a name, of letters, digits and underscores.
     *
     * @throws IllegalArgumentException for anything else (it goes into SQL as it is), which fails the start
     */
    public static String name() {
        return OutboxSettings.tableName(configured().orElse(DEFAULT));
    }

    /** For the application's Liquibase run, so that the changelog creates the table the mapping names. */
    public static Map<String, String> changelogParameters() {
        return Map.of(CHANGELOG_PARAMETER, name());
    }

    /** The application's configuration: the library sits in its WAR and shares its class loader. */
    private static Optional<String> configured() {
        try {
            return ConfigProvider.getConfig(OutboxTable.class.getClassLoader()).getOptionalValue(SETTING, String.class);
        } catch (IllegalStateException noMicroProfileConfig) {
            // EclipseLink outside a MicroProfile runtime, as in the library's own unit tests
            return Optional.ofNullable(System.getProperty(SETTING));
        }
    }
}
