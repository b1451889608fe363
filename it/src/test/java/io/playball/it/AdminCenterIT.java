package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Api;
import io.playball.it.support.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Liberty's Admin Center in a real headless Chromium: on HTTPS, behind the administrator's login; a wrong password
 * stays on the login page, the right one reaches the toolbox, and Explore (monitor-1.0) shows the application
 * running. Screenshots under target/admin-center/.
 */
@MicroShedTest
class AdminCenterIT {

    private static final String ADMIN_CENTER = "https://localhost:" + System.getProperty("playball.https.port", "9443")
            + "/adminCenter/";
    private static final String USER = System.getProperty("playball.admin.user", "admin");
    private static final String PASSWORD = System.getProperty("playball.admin.password", "dev-only-admin-password");
    private static final Path SHOTS = Path.of("target", "admin-center");
    private static final String ON_LOGIN_PAGE = "!!document.querySelector('input[name=j_password]')";

    @BeforeAll
    static void browserAndServer() {
        if (!HeadlessChromium.installed()) {
            String hint = "Chromium is not installed at " + HeadlessChromium.BINARY + " (apt-get install chromium)";
            if (Boolean.getBoolean("playball.require.browser")) {
                throw new IllegalStateException(hint);
            }
            Assumptions.abort(hint);
        }
        Api.awaitReady();
    }

    @Test
    void theAdministratorLogsInAndReachesTheToolbox() throws IOException {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.navigate(Api.baseUrl() + "/adminCenter/");  // plain HTTP is sent to HTTPS
            String login = browser.awaitTrue("the Admin Center login page", ON_LOGIN_PAGE, Duration.ofSeconds(60));
            assertTrue(login.startsWith("https://"), "served on HTTPS only: " + login);
            browser.screenshot(SHOTS.resolve("1-login.png"));

            submit(browser, USER, PASSWORD);
            String toolbox = browser.awaitTrue("the toolbox after logging in",
                    "!document.querySelector('input[name=j_password]') && document.body"
                            + " && /Explore/.test(document.body.innerText)",
                    Duration.ofSeconds(90));
            assertTrue(toolbox.contains("/adminCenter"), toolbox);
            Path shot = SHOTS.resolve("2-toolbox.png");
            browser.screenshot(shot);
            assertTrue(Files.size(shot) > 10_000, "a screenshot with content: " + Files.size(shot) + " bytes");

            // Explore (monitor-1.0): the server's applications and their state; the tool runs in an iframe
            browser.navigate(ADMIN_CENTER + "#explore");
            // the server's overview: our one application (the EAR) running, none stopped
            browser.awaitTrue("the Explore tool showing the playball application running",
                    "(() => { const text = " + HeadlessChromium.PAGE_TEXT + "; return /playball/.test(text)"
                            + " && /Applications\\s*Running\\s*1\\s*Stopped\\s*0/.test(text); })()",
                    Duration.ofSeconds(90));
            browser.screenshot(SHOTS.resolve("3-explore.png"));
        }
    }

    @Test
    void aWrongPasswordStaysOnTheLoginPage() throws IOException {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.navigate(ADMIN_CENTER);
            browser.awaitTrue("the Admin Center login page", ON_LOGIN_PAGE, Duration.ofSeconds(60));
            submit(browser, USER, "not-the-password");
            // the login page comes back (with its error) and the toolbox never shows
            browser.awaitTrue("the login page again", "document.readyState === 'complete' && " + ON_LOGIN_PAGE
                    + " && /login/i.test(location.href) && /Login error/i.test(document.body.innerText)",
                    Duration.ofSeconds(60));
            browser.screenshot(SHOTS.resolve("4-wrong-password.png"));
            assertEquals(Boolean.FALSE, Boolean.valueOf(String.valueOf(
                    browser.evaluate("/Explore/.test(document.body.innerText)"))));
        }
    }

    private static void submit(HeadlessChromium browser, String user, String password) {
        // as typing would: the page's script enables the form on input events and adds the CSRF token on submit
        browser.evaluate("(() => {"
                + " for (const [name, value] of [['j_username', " + quote(user) + "], ['j_password', "
                + quote(password) + "]]) {"
                + "   const field = document.querySelector('input[name=' + name + ']');"
                + "   field.focus(); field.value = value;"
                + "   field.dispatchEvent(new Event('input', {bubbles: true}));"
                + "   field.dispatchEvent(new Event('change', {bubbles: true}));"
                + " }"
                + " document.querySelector('form').requestSubmit();"
                + " return true; })()");
    }

    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
