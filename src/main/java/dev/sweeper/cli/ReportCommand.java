package dev.sweeper.cli;

import dev.sweeper.app.SweepRequest;
import dev.sweeper.core.SweepResult;
import dev.sweeper.report.CostReport;
import dev.sweeper.report.ReportFormat;
import dev.sweeper.report.ReportRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Show what is running, what it costs, and what sweeping would save.",
            "Hourly and monthly cost per resource, grouped by kind, and the saving if every unprotected "
                + "idle resource were swept. Read-only."})
final class ReportCommand extends InventoryCommand {
    @Option(names = "--format", paramLabel = "FORMAT", converter = Converters.ReportFormats.class,
            completionCandidates = Converters.ReportFormats.class,
            description = "table, markdown, json, csv or html (default: table); --output is the same.")
    ReportFormat format;

    /** The name every other command uses for the same choice. */
    @Option(names = "--output", paramLabel = "FORMAT", converter = Converters.ReportFormats.class,
            completionCandidates = Converters.ReportFormats.class,
            description = "Same as --format: table, markdown, json, csv or html (default: table).")
    ReportFormat output;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path out;

    ReportCommand(Wiring wiring) {
        super(wiring);
    }

    /** --format, or --output. */
    private ReportFormat reportFormat() {
        if (format != null && output != null && format != output) {
            throw new UsageException("--format " + format.id() + " and --output " + output.id() + " disagree: give one");
        }
        return format != null ? format : output != null ? output : ReportFormat.TABLE;
    }

    /** The report renders itself (see {@link #reportFormat}); --output is one of its formats here. */
    @Override
    dev.sweeper.report.OutputFormat format() {
        return dev.sweeper.report.OutputFormat.TABLE;
    }

    @Override
    SweepRequest request(Inputs in) {
        reportFormat();
        if (out != null && Files.isDirectory(out)) {
            throw new UsageException("--out " + out + ": is a directory; name a file");
        }
        if (out != null && (out.getParent() != null && !Files.isDirectory(out.getParent()))) {
            throw new UsageException("--out " + out + ": no such directory " + out.getParent());
        }
        return inventory("report", in, null);
    }

    @Override
    void render(SweepResult result, PrintWriter stdout) {
        CostReport report = CostReport.of(result, result.evaluatedAt());
        if (out == null) {
            ReportRenderer.render(report, reportFormat(), stdout, tableWidth());
            return;
        }
        try (PrintWriter file = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            ReportRenderer.render(report, reportFormat(), file);
        } catch (IOException e) {
            throw new UsageException("--out " + out + ": cannot write: " + e.getMessage());
        }
        spec.commandLine().getErr().println("report written to " + out);
    }
}
