package io.playball.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cheapest OpenTelemetry collector there is: accepts every OTLP/HTTP export with a 200 and keeps nothing, so that
 * a server measured with tracing on pays for making and exporting its spans and nothing else. Counts what it got.
 */
final class OtlpSink {

    private OtlpSink() {
    }

    static void run(int port) throws IOException, InterruptedException {
        AtomicLong exports = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                bytes.addAndGet(exchange.getRequestBody().readAllBytes().length);
                exports.incrementAndGet();
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        System.out.println("OTLP/HTTP sink on 127.0.0.1:" + port + " (OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:"
                + port + "); Ctrl-C to stop");
        while (true) {
            Thread.sleep(10_000);  // a progress line, not a wait for anything
            System.out.printf("%d exports, %.1f MB%n", exports.get(), bytes.get() / 1e6);
        }
    }
}
