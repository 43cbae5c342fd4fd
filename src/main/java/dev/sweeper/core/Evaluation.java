package dev.sweeper.core;

import java.util.List;

/**
 * The evaluator's answer: one verdict, the reasons for it, and the evidence it rests on.
 *
 * @param signal the signal that decided the verdict, where a kind has several (notebooks:
 *               {@code jupyter}, {@code jupyter.log}, {@code metric}); null otherwise
 */
public record Evaluation(Verdict verdict, List<String> reasons, Evidence evidence, String signal) {
    public Evaluation {
        reasons = List.copyOf(reasons);
    }

    public Evaluation(Verdict verdict, List<String> reasons, Evidence evidence) {
        this(verdict, reasons, evidence, null);
    }
}
