package io.playball.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A profile drawn as a flame graph in SVG: one box per frame, as wide as its share of the samples, callers below
 * callees, coloured by the {@link Profile.Part} the frame names. A static picture that a Markdown page shows; frames
 * narrower than {@link #MIN_WIDTH} are left out, their time stays in their caller's box. Hovering a box shows its
 * frame and share.
 */
final class FlameGraph {

    private static final int WIDTH = 1200;
    private static final int ROW = 16;
    private static final double MIN_WIDTH = 1.2;
    private static final int LEGEND = 20;

    private FlameGraph() {
    }

    /** A frame and everything sampled below it. */
    private static final class Node {
        final Map<String, Node> children = new LinkedHashMap<>();
        long count;
        int depth;

        Node child(String frame) {
            return children.computeIfAbsent(frame, f -> new Node());
        }
    }

    static void write(Profile profile, String title, Path file) throws IOException {
        Node root = new Node();
        for (Profile.Stack stack : profile.stacks()) {
            Node node = root;
            node.count += stack.count();
            for (String frame : stack.frames()) {
                node = node.child(frame);
                node.count += stack.count();
            }
        }
        double perSample = root.count == 0 ? 0 : (double) WIDTH / root.count;
        int depth = visibleDepth(root, perSample, 0);
        int height = (depth + 1) * ROW + 3 * LEGEND;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" font-family=\"monospace\" font-size=\"11\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.append("<text x=\"4\" y=\"14\" font-size=\"13\">").append(escape(title)).append("</text>\n");
        legend(svg);
        box(svg, "all", root.count, root.count, 0, height - ROW, Profile.Part.OTHER);
        draw(svg, root, root.count, 0, height - 2 * ROW, perSample);
        svg.append("</svg>\n");
        Files.writeString(file, svg);
    }

    private static int visibleDepth(Node node, double perSample, int depth) {
        int deepest = depth;
        for (Node child : node.children.values()) {
            if (child.count * perSample >= MIN_WIDTH) {
                deepest = Math.max(deepest, visibleDepth(child, perSample, depth + 1));
            }
        }
        return deepest;
    }

    private static void draw(StringBuilder svg, Node node, long total, double x, int y, double perSample) {
        double left = x;
        for (Map.Entry<String, Node> child : node.children.entrySet()) {
            double width = child.getValue().count * perSample;
            if (width >= MIN_WIDTH) {
                box(svg, child.getKey(), child.getValue().count, total, left, y, Profile.Part.of(child.getKey()));
                draw(svg, child.getValue(), total, left, y - ROW, perSample);
            }
            left += width;
        }
    }

    private static void box(StringBuilder svg, String frame, long count, long total, double x, int y,
            Profile.Part part) {
        double width = total == 0 ? 0 : (double) count * WIDTH / total;
        String share = String.format("%.2f%%", 100.0 * count / Math.max(1, total));
        svg.append(String.format("<g><title>%s (%s, %s)</title><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                + " fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"0.5\"/>", escape(frame), share, part.label, x, y,
                width, ROW - 1, colour(part)));
        int chars = (int) ((width - 4) / 6.6);
        if (chars >= 3) {
            String label = shortName(frame);
            label = label.length() <= chars ? label : label.substring(0, chars - 2) + "..";
            svg.append(String.format("<text x=\"%.1f\" y=\"%d\">%s</text>", x + 2, y + ROW - 4, escape(label)));
        }
        svg.append("</g>\n");
    }

    private static void legend(StringBuilder svg) {
        int x = 4;
        int y = LEGEND + 16;
        for (Profile.Part part : Profile.Part.values()) {
            int width = 14 + part.label.length() * 7;
            if (x + width > WIDTH) {
                x = 4;
                y += LEGEND;
            }
            svg.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\""
                    + " y=\"%d\">%s</text>\n", x, y - 9, colour(part), x + 13, y, escape(part.label)));
            x += width + 10;
        }
    }

    /** {@code io/playball/auth/account/AccountService.rename} reads {@code AccountService.rename}. */
    private static String shortName(String frame) {
        int slash = frame.lastIndexOf('/', frame.indexOf('.') < 0 ? frame.length() - 1 : frame.indexOf('.'));
        return slash < 0 ? frame : frame.substring(slash + 1);
    }

    private static String colour(Profile.Part part) {
        return switch (part) {
            case POSTGRESQL, DERBY -> "#f4a261";
            case KAFKA -> "#b392f0";
            case JSON -> "#e9c46a";
            case JWT, SECURITY -> "#e76f51";
            case TELEMETRY -> "#90be6d";
            case PLAYBALL -> "#2a9d8f";
            case JPA -> "#ffd166";
            case TRANSACTIONS, CONNECTIONS -> "#cdb4db";
            case CDI -> "#a8dadc";
            case REST, HTTP -> "#8ecae6";
            case REACTIVE -> "#d4a5ff";
            case GC -> "#ef476f";
            case JIT -> "#adb5bd";
            case OTHER -> "#dee2e6";
        };
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
