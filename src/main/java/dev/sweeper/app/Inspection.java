package dev.sweeper.app;

import dev.sweeper.core.Finding;
import java.util.ArrayList;
import java.util.List;

/** The findings of one kind in one region, and what went wrong beyond single resources. */
public record Inspection(List<Finding> findings, List<String> problems, boolean listingFailed) {
    public Inspection {
        findings = List.copyOf(findings);
        problems = List.copyOf(problems);
    }

    public Inspection(List<Finding> findings, List<String> problems) {
        this(findings, problems, false);
    }

    static Inspection merge(List<Inspection> parts) {
        List<Finding> findings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Inspection p : parts) {
            findings.addAll(p.findings());
            problems.addAll(p.problems());
        }
        return new Inspection(findings, problems);
    }
}
