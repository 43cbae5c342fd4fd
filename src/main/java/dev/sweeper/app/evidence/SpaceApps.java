package dev.sweeper.app.evidence;

import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Says, on each Studio space's finding, which apps run in it, from the apps inspected in the same run: no call of
 * its own. That no app runs is said only where the apps of the space's account and region were all listed (no
 * filter, no problem); otherwise nothing is said.
 */
public final class SpaceApps {
    private SpaceApps() {
    }

    /**
     * @param appsComplete {@code account/region} of the app inspections that listed every app, where an absent app
     *                     means none runs
     */
    public static List<Finding> annotate(List<Finding> findings, Set<String> appsComplete) {
        if (findings.stream().noneMatch(f -> f.resource().space() != null)) {
            return findings;
        }
        Map<String, List<String>> running = new LinkedHashMap<>();
        for (Finding f : findings) {
            Resource r = f.resource();
            if (r.app() == null || r.app().space() == null) {
                continue;
            }
            if (Evaluator.IN_SERVICE.equals(r.status())) {
                // By region and domain: an app described for its tags has its account from its ARN, a space none.
                running.computeIfAbsent(r.region() + "/" + r.app().domainId() + "/" + r.app().space(),
                        k -> new ArrayList<>()).add(r.app().appType() + " " + r.name());
            }
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Resource r = f.resource();
            if (r.space() == null) {
                out.add(f);
                continue;
            }
            List<String> apps = running.get(r.region() + "/" + r.space().domainId() + "/" + r.name());
            String said = apps != null ? (apps.size() == 1 ? "app running in it: " : "apps running in it: ")
                    + String.join(", ", apps) + " (listed as kind app)"
                    : appsComplete.contains(where(r)) || appsComplete.contains(null + "/" + r.region())
                    ? "no app running in it: only its storage bills" : null;
            if (said == null) {
                out.add(f);
                continue;
            }
            List<String> reasons = new ArrayList<>(f.reasons());
            reasons.add(said);
            Evaluation e = f.evaluation();
            out.add(f.withEvaluation(new Evaluation(e.verdict(), reasons, e.evidence(), e.signal())));
        }
        return out;
    }

    /** Whether this kind's listing is of the Studio apps that run in spaces: those whose shape is an app's. */
    public static boolean listsApps(dev.sweeper.core.Kind kind) {
        return kind.definition().shape() == Resource.AppShape.class;
    }

    /**
     * The account and region of a space. A single-account run scopes its inspections by a null account (the caller's
     * own, the only one swept), while its spaces carry the account of their ARN: either key says their apps were
     * all listed.
     */
    static String where(Resource r) {
        return r.account() + "/" + r.region();
    }
}
