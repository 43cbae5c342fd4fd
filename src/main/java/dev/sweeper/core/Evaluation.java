package dev.sweeper.core;

import java.util.List;

/** The evaluator's answer: one verdict, the reasons for it, and the evidence it rests on. */
public record Evaluation(Verdict verdict, List<String> reasons, Evidence evidence) {
    public Evaluation {
        reasons = List.copyOf(reasons);
    }
}
