package dev.sweeper.report;

import dev.sweeper.core.SweepResult;

import java.io.PrintWriter;
import java.util.Objects;

/** Prints what a command found and did, in the format the user asked for. Output goes to {@code out} only. */
public final class ResultRenderer {

    private ResultRenderer() {
    }

    public static void render(SweepResult result, OutputFormat format, PrintWriter out, RenderOptions opts) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        RenderOptions options = opts == null ? RenderOptions.DEFAULT : opts;
        switch (format) {
            case TABLE -> ResultTable.render(result, out, options);
            case JSON -> ResultJson.render(result, out);
            case CSV -> ResultCsv.render(result, out);
        }
        out.flush();
    }
}
