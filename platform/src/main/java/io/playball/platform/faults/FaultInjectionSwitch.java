package io.playball.platform.faults;

import java.util.Locale;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one switch for the test server's fault hooks. Each service binds its hooks (CDI interceptors) only where it is
 * on, so business code carries none; production mode refuses to start with it on.
 */
public final class FaultInjectionSwitch {

    public static final String PROPERTY = "playball.fault-injection.enabled";

    private FaultInjectionSwitch() {
    }

    /**
     * Read from MicroProfile Config, which a CDI extension can use before any bean exists. Every reader of the switch
     * (the hooks' extensions, the request filter, production mode's guard) goes through here, so that none takes
     * {@code 1} for off while another takes it for on.
     */
    public static boolean isOn() {
        return ConfigProvider.getConfig().getOptionalValue(PROPERTY, String.class).map(FaultInjectionSwitch::isTrue)
                .orElse(false);
    }

    /** MicroProfile Config's reading of a boolean: {@code true}, {@code 1}, {@code yes}, {@code y}, {@code on}. */
    public static boolean isTrue(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y", "on" -> true;
            default -> false;
        };
    }
}
