package dev.sweeper.app;

import dev.sweeper.core.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The findings of one kind in one region, and what went wrong beyond single resources. */
public record Inspection(List<Finding> findings, List<String> problems, boolean listingFailed,
                         Map<String, Map<String, String>> tagsByArn) {
    public Inspection {
        findings = List.copyOf(findings);
        problems = List.copyOf(problems);
        tagsByArn = tagsByArn == null ? Map.of() : Map.copyOf(tagsByArn);
    }

    public Inspection(List<Finding> findings, List<String> problems, boolean listingFailed) {
        this(findings, problems, listingFailed, Map.of());
    }

    static Inspection merge(List<Inspection> parts) {
        List<Finding> findings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, String>> tags = new java.util.HashMap<>();
        for (Inspection p : parts) {
            findings.addAll(p.findings());
            problems.addAll(p.problems());
            tags.putAll(p.tagsByArn());
        }
        return new Inspection(findings, problems, false, tags);
    }
}
