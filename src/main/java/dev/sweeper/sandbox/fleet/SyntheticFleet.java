package dev.sweeper.sandbox.fleet;

import dev.sweeper.sandbox.SandboxOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates a fleet of a given size from a fixed seed: about 20% idle, 10% younger than a day,
 * 5% protected, the rest in use. Metrics are stored as rules, so a large fleet stays small in memory.
 */
public final class SyntheticFleet {
    private static final String[] MODELS = {"fraud", "churn", "recs", "search", "vision", "nlp", "pricing", "ads", "forecast", "ranking"};
    private static final String[] USERS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"};
    private static final String[] ENDPOINT_TYPES = {"ml.m5.large", "ml.m5.xlarge", "ml.m6i.xlarge", "ml.c5.xlarge", "ml.c6i.2xlarge", "ml.r5.large", "ml.g4dn.xlarge", "ml.g5.xlarge", "ml.inf2.xlarge"};
    private static final String[] NOTEBOOK_TYPES = {"ml.t3.medium", "ml.t3.large", "ml.m5.xlarge", "ml.c5.xlarge", "ml.g4dn.xlarge"};
    private static final String[] APP_TYPES = {"KernelGateway", "JupyterLab", "CodeEditor"};

    private SyntheticFleet() {
    }

    public static FleetSpec generate(SandboxOptions.Synthetic size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new FleetSpec("us-east-1", "123456789012", List.of("sweeper-alerts"),
                notebooks(size.notebooks(), r.split()), endpoints(size.endpoints(), r.split()), domains(size.apps(), r.split()), List.of());
    }

    private static List<FleetSpec.Point> hourly(double v, String span) {
        return List.of(new FleetSpec.Point(null, null, v, null, span));
    }

    private static String days(SplittableRandom r, int min, int max) {
        return r.nextInt(min, max + 1) + "d";
    }

    private static List<FleetSpec.Endpoint> endpoints(int n, SplittableRandom r) {
        List<FleetSpec.Endpoint> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = MODELS[i % MODELS.length] + "-v" + (1 + r.nextInt(4)) + "-" + String.format("%05d", i);
            double roll = r.nextDouble();
            boolean idle = roll < 0.20;
            boolean young = roll >= 0.20 && roll < 0.30;
            boolean protectedIdle = roll >= 0.30 && roll < 0.35;
            String age = young ? r.nextInt(1, 20) + "h" : days(r, 2, 120);
            String span = young ? age : "14d";
            boolean async = r.nextDouble() < 0.03;
            boolean serverless = !async && r.nextDouble() < 0.03;
            int variantCount = serverless || async ? 1 : r.nextDouble() < 0.3 ? 2 : 1;
            List<FleetSpec.Variant> variants = new ArrayList<>();
            int busyVariant = r.nextInt(variantCount);
            for (int v = 0; v < variantCount; v++) {
                String vname = variantCount == 1 ? "AllTraffic" : "variant-" + (char) ('a' + v);
                double value = idle || protectedIdle || (v != busyVariant) ? 0 : 1 + r.nextInt(500);
                Map<String, List<FleetSpec.Point>> metrics = async ? null : Map.of("Invocations", hourly(value, span));
                if (serverless) {
                    variants.add(new FleetSpec.Variant(vname, null, null, null, new FleetSpec.Serverless(2048, 5), metrics));
                } else {
                    variants.add(new FleetSpec.Variant(vname, ENDPOINT_TYPES[r.nextInt(ENDPOINT_TYPES.length)], 1 + r.nextInt(3), null, null, metrics));
                }
            }
            Map<String, List<FleetSpec.Point>> asyncMetrics = null;
            if (async) {
                double v = idle || protectedIdle ? 0 : 1 + r.nextInt(50);
                asyncMetrics = Map.of("InvocationsProcesssed", hourly(v, span), "ApproximateBacklogSize", hourly(0, span));
            }
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("team", MODELS[i % MODELS.length]);
            if (protectedIdle) {
                tags.put("sweeper:protect", "true");
            }
            out.add(new FleetSpec.Endpoint(name, null, age, null, "InService", null, null, async, variants, asyncMetrics, tags));
        }
        return out;
    }

    private static List<FleetSpec.Notebook> notebooks(int n, SplittableRandom r) {
        List<FleetSpec.Notebook> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String user = USERS[i % USERS.length];
            String name = (i % 3 == 0 ? "dev-" : "nb-") + user + "-" + String.format("%05d", i);
            double roll = r.nextDouble();
            boolean idle = roll < 0.20;
            boolean young = roll >= 0.20 && roll < 0.30;
            boolean protectedIdle = roll >= 0.30 && roll < 0.35;
            boolean stopped = roll >= 0.35 && roll < 0.50;
            boolean noMetrics = r.nextDouble() < 0.25;
            String running = young ? r.nextInt(1, 20) + "h" : days(r, 2, 10);
            // Idle: one idle kernel untouched since the start; in use: a busy kernel or one used an
            // hour ago; "no metrics" of old: a server that refuses the presigned URL (unknown).
            FleetSpec.Jupyter jupyter = null;
            if (!stopped) {
                if (noMetrics) {
                    jupyter = new FleetSpec.Jupyter("refused", null, null);
                } else if (idle || protectedIdle) {
                    jupyter = new FleetSpec.Jupyter(null, List.of(new FleetSpec.Kernel("python3", "idle", null, 0,
                            "work.ipynb")), null);
                } else {
                    boolean busy = r.nextBoolean();
                    jupyter = new FleetSpec.Jupyter(null, List.of(new FleetSpec.Kernel("python3",
                            busy ? "busy" : "idle", busy ? running : "1h", 1, "work.ipynb")), null);
                }
            }
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("owner", user);
            if (protectedIdle) {
                tags.put("sweeper:protect", "true");
            }
            out.add(new FleetSpec.Notebook(name, null, NOTEBOOK_TYPES[r.nextInt(NOTEBOOK_TYPES.length)], stopped ? "Stopped" : "InService",
                    days(r, 11, 200), stopped ? null : running, r.nextDouble() < 0.2 ? "auto-stop" : null, false, null, tags, jupyter, null));
        }
        return out;
    }

    private static List<FleetSpec.Domain> domains(int apps, SplittableRandom r) {
        List<FleetSpec.Domain> out = new ArrayList<>();
        if (apps == 0) {
            return out;
        }
        int domains = Math.max(1, (apps + 199) / 200);
        int perDomain = (apps + domains - 1) / domains;
        int made = 0;
        for (int d = 0; d < domains; d++) {
            String id = "d-synth" + String.format("%05d", d);
            List<FleetSpec.UserProfile> profiles = new ArrayList<>();
            List<FleetSpec.Space> spaces = new ArrayList<>();
            List<FleetSpec.App> list = new ArrayList<>();
            int count = Math.min(perDomain, apps - made);
            int users = Math.max(1, count / 5);
            for (int u = 0; u < users; u++) {
                profiles.add(new FleetSpec.UserProfile(USERS[u % USERS.length] + "-" + u, null, null));
                spaces.add(new FleetSpec.Space("space-" + u, r.nextBoolean(), null, null, null));
            }
            for (int a = 0; a < count; a++, made++) {
                int u = a % users;
                String type = a < users ? "JupyterServer" : APP_TYPES[r.nextInt(APP_TYPES.length)];
                boolean inSpace = !type.equals("KernelGateway") && !type.equals("JupyterServer");
                String age = r.nextDouble() < 0.1 ? r.nextInt(1, 20) + "h" : days(r, 1, 60);
                list.add(new FleetSpec.App(type, type.equals("JupyterServer") ? "default" : type.toLowerCase() + "-" + a,
                        inSpace ? null : profiles.get(u).name(), inSpace ? spaces.get(u).name() : null,
                        type.equals("JupyterServer") ? "system" : NOTEBOOK_TYPES[r.nextInt(NOTEBOOK_TYPES.length)],
                        age, "InService", null, null));
            }
            out.add(new FleetSpec.Domain(id, "synthetic-" + d, null, "200d", d % 2 == 0, null, profiles, spaces, list, null));
        }
        return out;
    }
}
