package dev.sweeper.report;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** The cost report as CSV: one row per running resource, costliest first within each kind. */
final class ReportCsv {
    static final List<String> HEADER = List.of("kind", "name", "region", "verdict", "protected", "instanceType",
            "instanceCount", "hourlyCost", "monthlyCost", "idleFor", "sweepable",
            // additive: the storage volume that outlives compute (stopped ones are in the JSON, text, HTML, markdown)
            "storageGb", "storageMonthlyCost",
            // additive: whose prices a borrowed cost is (the price table has none of its region's own)
            "priceRegion");

    private ReportCsv() {
    }

    static void render(CostReport report, PrintWriter out) {
        Csv.row(out, HEADER);
        for (CostReport.Line l : report.lines()) {
            Csv.row(out, java.util.Arrays.asList(
                    l.kind().id(),
                    l.name(),
                    l.region(),
                    l.verdict().name(),
                    l.isProtected() == null ? null : l.isProtected().toString(),
                    l.instanceType(),
                    l.instanceCount() == null ? null : l.instanceCount().toString(),
                    l.hourlyCost() == null ? null : Formats.number(l.hourlyCost()).toPlainString(),
                    l.monthlyCost() == null ? null : BigDecimal.valueOf(l.monthlyCost()).setScale(2, RoundingMode.HALF_UP).toPlainString(),
                    l.idleForText(),
                    Boolean.toString(l.sweepable()),
                    l.storageGb() == null ? null : l.storageGb().toString(),
                    l.storageMonthlyCost() == null ? null
                            : BigDecimal.valueOf(l.storageMonthlyCost()).setScale(2, RoundingMode.HALF_UP).toPlainString(),
                    l.priceRegion()));
        }
    }
}
