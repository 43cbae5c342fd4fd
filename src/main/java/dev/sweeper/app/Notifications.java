package dev.sweeper.app;

import dev.sweeper.core.Durations;
import dev.sweeper.core.Finding;
import dev.sweeper.core.SweepResult;
import dev.sweeper.core.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The idle-resource summary sent to SNS. SNS takes at most 256 KiB per message, so a long list is
 * split into numbered parts; nothing is ever cut off.
 */
public final class Notifications {
    /** SNS's limit on a message, in bytes of UTF-8. */
    public static final int MAX_MESSAGE_BYTES = 256 * 1024;
    /** SNS's limit on a subject, in characters. */
    static final int MAX_SUBJECT = 100;

    private Notifications() {
    }

    /** One SNS message. */
    public record Message(String subject, String body) {
    }

    public static List<Message> compose(SweepResult result) {
        return compose(result, MAX_MESSAGE_BYTES);
    }

    static List<Message> compose(SweepResult result, int maxBytes) {
        List<Finding> idle = result.findings().stream().filter(f -> f.verdict() == Verdict.IDLE).toList();
        long sweepable = idle.stream().filter(Finding::isSweepable).count();
        double cost = result.summary().idleHourlyCost();
        String header = "SageMaker Sweeper (" + result.command() + ") found " + idle.size() + " idle resource"
                + (idle.size() == 1 ? "" : "s") + " at " + result.evaluatedAt()
                + (result.window() == null ? "" : ", window " + Durations.format(result.window())) + ".\n"
                + sweepable + " unprotected, costing " + money(cost) + "/h together.\n";
        List<String> entries = new ArrayList<>();
        for (Finding f : idle) {
            entries.add(entry(f, result));
        }
        if (entries.isEmpty()) {
            entries.add("Nothing idle.\n");
        }
        // Leave room for the part line added to each body.
        int budget = maxBytes - bytes(header) - 64;
        List<StringBuilder> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String e : entries) {
            for (String piece : fitting(e, budget)) {
                if (current.length() > 0 && bytes(current.toString()) + bytes(piece) > budget) {
                    parts.add(current);
                    current = new StringBuilder();
                }
                current.append(piece);
            }
        }
        parts.add(current);
        String baseSubject = "SageMaker Sweeper: " + idle.size() + " idle, " + money(cost) + "/h";
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String partLine = parts.size() == 1 ? "" : "Part " + (i + 1) + " of " + parts.size() + ".\n";
            String subject = parts.size() == 1 ? baseSubject : baseSubject + " (" + (i + 1) + "/" + parts.size() + ")";
            out.add(new Message(ascii(subject), header + partLine + "\n" + parts.get(i)));
        }
        return out;
    }

    private static String entry(Finding f, SweepResult result) {
        var r = f.resource();
        StringBuilder sb = new StringBuilder();
        sb.append("- [").append(r.region()).append("] ").append(r.kind().id()).append(' ').append(r.name());
        if (r.instanceType() != null) {
            sb.append(" (").append(r.instanceType());
            if (r.instanceCount() != null && r.instanceCount() > 1) {
                sb.append(" x").append(r.instanceCount());
            }
            sb.append(')');
        }
        if (r.runningSince() != null) {
            sb.append(", up ").append(Durations.format(Duration.between(r.runningSince(), result.evaluatedAt())));
        }
        sb.append(", ").append(f.hourlyCost() == null ? "cost unknown" : money(f.hourlyCost()) + "/h");
        if (f.isProtected()) {
            sb.append(", protected");
        }
        sb.append('\n');
        for (String reason : f.reasons()) {
            sb.append("    ").append(reason).append('\n');
        }
        // Mark now, act later: what will happen to it, and when.
        if (f.action() != null && "mark".equals(f.action().type())) {
            sb.append("    next: ").append(f.action().detail()).append('\n');
        } else if (f.action() != null) {
            // What the run did about it (stop-notebooks --notify, --delete --notify): planned in a dry run.
            sb.append("    ").append(f.action().type()).append(": ").append(f.action().outcome().id())
                    .append(f.action().detail() == null ? "" : " (" + f.action().detail() + ")").append('\n');
        }
        return sb.toString();
    }

    /**
     * An entry larger than a whole message (a pathological reason list) is cut into pieces at line
     * breaks, and over-long lines at character boundaries, rather than dropped.
     */
    private static List<String> fitting(String entry, int budget) {
        if (bytes(entry) <= budget) {
            return List.of(entry);
        }
        List<String> pieces = new ArrayList<>();
        for (String line : entry.split("(?<=\n)")) {
            while (bytes(line) > budget) {
                int cut = Math.min(line.length(), budget / 4); // a UTF-8 character is at most 4 bytes
                if (Character.isHighSurrogate(line.charAt(cut - 1))) {
                    cut--;
                }
                pieces.add(line.substring(0, cut));
                line = line.substring(cut);
            }
            pieces.add(line);
        }
        return pieces;
    }

    static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String ascii(String s) {
        String a = s.replaceAll("[^\\x20-\\x7E]", "?");
        return a.length() > MAX_SUBJECT ? a.substring(0, MAX_SUBJECT) : a;
    }

    static String money(double dollars) {
        return String.format(Locale.ROOT, dollars >= 1 ? "$%.2f" : "$%.4f", dollars);
    }
}
