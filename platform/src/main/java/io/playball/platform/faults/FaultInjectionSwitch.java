package io.playball.platform.faults;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one switch for the test server's fault hooks. Each service binds its hooks (CDI interceptors) only where it is
 * on, so business code carries none; production mode refuses to start with it on.
 */
public final class FaultInjectionSwitch {

    public static final String PROPERTY = "playball.fault-injection.enabled";

    private FaultInjectionSwitch() {
    }

    /** Read from MicroProfile Config, which a CDI extension can use before any bean exists. */
    public static boolean isOn() {
        return ConfigProvider.getConfig().getOptionalValue(PROPERTY, Boolean.class).orElse(false);
    }
}
