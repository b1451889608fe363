package io.playball.it.support;

import io.playball.it.support.OtlpReceiver.ReceivedSpan;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;

/** Draws one trace as a waterfall (a bar per span, children under their parent), as a tracing UI would show it. */
public final class TraceWaterfall {

    private static final int WIDTH = 1000;
    private static final int ROW = 34;
    private static final int LABEL = 330;
    private static final Color[] KIND = {new Color(0x4C78A8), new Color(0x72B7B2), new Color(0xF58518),
        new Color(0x54A24B), new Color(0xB279A2)};

    private TraceWaterfall() {
    }

    public static void write(List<ReceivedSpan> spans, Path png) {
        List<ReceivedSpan> ordered = new ArrayList<>();
        List<Integer> depths = new ArrayList<>();
        spans.stream().filter(s -> spans.stream().noneMatch(p -> p.spanId().equals(s.parentSpanId())))
                .sorted(Comparator.comparingLong(ReceivedSpan::startNanos))
                .forEach(root -> walk(root, 0, spans, ordered, depths));
        long start = ordered.stream().mapToLong(ReceivedSpan::startNanos).min().orElse(0);
        long end = ordered.stream().mapToLong(ReceivedSpan::endNanos).max().orElse(1);
        double scale = (WIDTH - LABEL - 90) / (double) Math.max(1, end - start);

        BufferedImage image = new BufferedImage(WIDTH, ROW * (ordered.size() + 1) + 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.DARK_GRAY);
        g.drawString("trace " + (ordered.isEmpty() ? "" : ordered.get(0).traceId()) + "   total "
                + millis(end - start), 10, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < ordered.size(); i++) {
            ReceivedSpan span = ordered.get(i);
            int y = ROW * (i + 1) + 10;
            g.setColor(Color.DARK_GRAY);
            g.drawString("  ".repeat(depths.get(i)) + span.name(), 10, y + 15);
            g.setColor(Color.GRAY);
            g.drawString(span.kind().replace("SPAN_KIND_", "").toLowerCase(), LABEL - 70, y + 15);
            int x = LABEL + (int) ((span.startNanos() - start) * scale);
            int w = Math.max(2, (int) ((span.endNanos() - span.startNanos()) * scale));
            g.setColor(span.isError() ? new Color(0xE45756) : KIND[Math.min(depths.get(i), KIND.length - 1)]);
            g.fillRect(x, y + 3, w, ROW - 12);
            g.setColor(Color.DARK_GRAY);
            g.drawString(millis(span.endNanos() - span.startNanos()), x + w + 6, y + 15);
        }
        g.setStroke(new BasicStroke(1));
        g.dispose();
        try {
            Files.createDirectories(png.getParent());
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void walk(ReceivedSpan span, int depth, List<ReceivedSpan> all, List<ReceivedSpan> ordered,
                             List<Integer> depths) {
        ordered.add(span);
        depths.add(depth);
        all.stream().filter(c -> c.parentSpanId().equals(span.spanId()))
                .sorted(Comparator.comparingLong(ReceivedSpan::startNanos))
                .forEach(child -> walk(child, depth + 1, all, ordered, depths));
    }

    private static String millis(long nanos) {
        return String.format("%.1f ms", nanos / 1e6);
    }
}
