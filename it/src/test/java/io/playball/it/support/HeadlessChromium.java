package io.playball.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's Chromium, headless, driven over the Chrome DevTools Protocol (a WebSocket; no WebDriver in between):
 * navigate, run JavaScript in the page, take a screenshot.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** JavaScript: the text of the page and of its same-origin frames (Admin Center runs each tool in an iframe). */
    public static final String PAGE_TEXT = "[document, ...Array.from(document.querySelectorAll('iframe'))"
            + ".map(f => { try { return f.contentDocument; } catch (e) { return null; } })]"
            + ".filter(d => d && d.body).map(d => d.body.innerText).join(' ')";

    public static final Path BINARY = Path.of(System.getProperty("playball.chromium", "/usr/bin/chromium"));

    private static final System.Logger LOG = System.getLogger(HeadlessChromium.class.getName());

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Starts the browser (self-signed TLS accepted: the test server's certificate is generated at first start). */
    public static HeadlessChromium start() throws IOException {
        Path profile = Files.createTempDirectory("playball-chromium");
        Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--ignore-certificate-errors", "--window-size=1280,900", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            Poll.until("Chromium's DevTools port", Duration.ofSeconds(30), () -> {
                try {
                    return Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2;
                } catch (IOException e) {
                    return false;  // being written
                }
            });
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
            HttpClient http = HttpClient.newHttpClient();
            String targets = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            String pageSocket = Json.createReader(new StringReader(targets)).readArray()
                    .getValuesAs(JsonObject.class).stream()
                    .filter(t -> t.getString("type").equals("page"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no page target: " + targets))
                    .getString("webSocketDebuggerUrl");
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), listener)
                    .get(30, TimeUnit.SECONDS);
            HeadlessChromium browser = new HeadlessChromium(process, profile, socket);
            listener.browser = browser;
            return browser;
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("Chromium did not start: " + e, e);
        }
    }

    public void navigate(String url) {
        call("Page.navigate", Json.createObjectBuilder().add("url", url).build());
    }

    /** The value of a JavaScript expression in the page (null while it throws, e.g. during a navigation). */
    public JsonValue evaluate(String expression) {
        JsonObject result = call("Runtime.evaluate", Json.createObjectBuilder()
                .add("expression", expression).add("returnByValue", true).build());
        if (result.containsKey("exceptionDetails")) {
            return null;
        }
        return result.getJsonObject("result").get("value");
    }

    /** Polls until the expression is true in the page; returns the page's URL then. */
    public String awaitTrue(String what, String expression, Duration deadline) {
        try {
            Poll.until(what, deadline, () -> {
                try {
                    return JsonValue.TRUE.equals(evaluate(expression));
                } catch (RuntimeException e) {
                    return false;
                }
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the page: " + describePage(), e);
        }
        return ((JsonString) evaluate("location.href")).getString();
    }

    /** Where the browser is and what the page says, for a failure message. */
    public String describePage() {
        try {
            return String.valueOf(evaluate("location.href + ' | ' + document.title + ' | '"
                    + " + " + PAGE_TEXT + ".replace(/\\s+/g, ' ').slice(0, 600)"));
        } catch (RuntimeException e) {
            return "(unreadable: " + e + ")";
        }
    }

    public void screenshot(Path file) throws IOException {
        JsonObject shot = call("Page.captureScreenshot", Json.createObjectBuilder().add("format", "png").build());
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(shot.getString("data")));
    }

    private JsonObject call(String method, JsonObject params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        pending.put(id, answer);
        String message = Json.createObjectBuilder().add("id", id).add("method", method).add("params", params)
                .build().toString();
        try {
            socket.sendText(message, true).get(10, TimeUnit.SECONDS);
            JsonObject reply = answer.get(30, TimeUnit.SECONDS);
            if (reply.containsKey("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return reply.getJsonObject("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(method + ": " + e, e);
        } finally {
            pending.remove(id);
        }
    }

    /**
     * Stops the browser and deletes its profile. Never fails: the test's assertions have run by now, and a profile
     * left in the temporary folder harms nothing, so a clean-up problem is logged instead.
     */
    @Override
    public void close() {
        try {
            socket.abort();
            stopBrowser();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Chromium did not stop cleanly", e);
        }
        deleteProfile();
    }

    /** Chromium's helper processes write into the profile after the main one exits: wait for all of them. */
    private void stopBrowser() {
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        family.add(process.toHandle());
        family.forEach(ProcessHandle::destroy);
        if (!allExited(family, Duration.ofSeconds(10))) {
            family.forEach(ProcessHandle::destroyForcibly);
            if (!allExited(family, Duration.ofSeconds(10))) {
                LOG.log(System.Logger.Level.WARNING, "Chromium processes still alive after SIGKILL: {0}",
                        family.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList());
            }
        }
    }

    private static boolean allExited(List<ProcessHandle> processes, Duration deadline) {
        CompletableFuture<?>[] exits = processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Deletes the profile, tolerating files that vanish meanwhile; a few passes for files that appear meanwhile. */
    private void deleteProfile() {
        for (int pass = 1; pass <= 3 && Files.exists(profile); pass++) {
            try {
                Files.walkFileTree(profile, new TolerantDeletion());
            } catch (IOException | RuntimeException e) {
                if (pass == 3) {
                    LOG.log(System.Logger.Level.WARNING, "Could not delete Chromium's profile " + profile, e);
                }
            }
        }
    }

    /** Deletes files, then their folders; a file already gone is not an error. */
    private static final class TolerantDeletion extends SimpleFileVisitor<Path> {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
            }
            throw e;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
                throw e;
            }
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
        }
    }

    /** Collects a message's fragments and completes the call it answers (events are ignored). */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private volatile HeadlessChromium browser;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonObject message = Json.createReader(new StringReader(text.toString())).readObject();
                text.setLength(0);
                if (message.containsKey("id") && browser != null) {
                    CompletableFuture<JsonObject> answer = browser.pending.get(message.getInt("id"));
                    if (answer != null) {
                        answer.complete(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
