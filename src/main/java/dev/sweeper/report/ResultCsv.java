package dev.sweeper.report;

import dev.sweeper.core.Action;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SweepResult;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code --output csv}: a header row and one row per resource (RFC 4180), no summary row. */
final class ResultCsv {
    static final List<String> HEADER = List.of("kind", "name", "region", "arn", "status", "instanceType",
            "instanceCount", "createdAt", "verdict", "protected", "hourlyCost", "action", "actionOutcome",
            "actionDetail", "reasons",
            // additive, after the original columns: whose it is, whose app, and why a cost is empty
            "account", "owner", "hourlyCostStatus",
            // additive: the storage volume that outlives compute, billed running or stopped
            "storageGb", "storageMonthlyCost",
            // additive: the Studio domain of an app or space (names repeat across domains)
            "domainId",
            // additive: a notebook's PlatformIdentifier (a stopped Amazon Linux 2 one may not start again)
            "platformIdentifier",
            // additive: whose prices a borrowed-region cost is (the price table has none of its region's own)
            "priceRegion");

    private ResultCsv() {
    }

    static void render(SweepResult result, PrintWriter out) {
        Csv.row(out, HEADER);
        for (Finding f : result.findings()) {
            Resource r = f.resource();
            Action a = f.action();
            Boolean prot = f.protection() == null ? null : f.protection().isProtected();
            List<String> row = new ArrayList<>(HEADER.size());
            row.add(r.kind().id());
            row.add(r.name());
            row.add(r.region());
            row.add(r.arn());
            row.add(r.status());
            row.add(r.instanceType());
            row.add(r.instanceCount() == null ? null : r.instanceCount().toString());
            row.add(Formats.iso(r.createdAt()));
            row.add(f.verdict().name());
            row.add(prot == null ? null : prot.toString());
            row.add(f.hourlyCost() == null ? null : Formats.number(f.hourlyCost()).toPlainString());
            row.add(a == null ? null : a.type());
            row.add(a == null || a.outcome() == null ? null : a.outcome().id());
            row.add(a == null ? null : a.detail());
            row.add(String.join("; ", f.reasons()));
            row.add(r.account());
            row.add(r.app() != null ? r.app().owner()
                    : r.space() != null && r.space().ownerUserProfile() != null ? "user " + r.space().ownerUserProfile()
                    : null);
            row.add(Formats.costStatus(f));
            row.add(r.storageGb() == null ? null : r.storageGb().toString());
            row.add(f.storageMonthlyCost() == null ? null : Formats.number(f.storageMonthlyCost()).toPlainString());
            row.add(r.app() != null ? r.app().domainId() : r.space() != null ? r.space().domainId() : null);
            row.add(r.platformIdentifier());
            row.add(f.priceRegion());
            Csv.row(out, row);
        }
        out.flush();
    }
}
