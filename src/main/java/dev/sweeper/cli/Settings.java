package dev.sweeper.cli;

import dev.sweeper.audit.JsonlAuditLog;
import dev.sweeper.aws.AwsRegions;
import dev.sweeper.config.ConfigLoader;
import dev.sweeper.config.SweeperConfig;
import dev.sweeper.config.UserDirs;
import dev.sweeper.core.Durations;
import dev.sweeper.core.Kind;
import dev.sweeper.core.LifecycleScript;
import dev.sweeper.core.Policy;
import dev.sweeper.core.RateLimits;
import dev.sweeper.core.RegionCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The settings of a run, each with where it comes from: a flag over the environment over the
 * config file over the default. Sweeping commands take their values here and {@code config show}
 * prints them with their sources, so that the two cannot disagree.
 */
final class Settings {
    static final String DEFAULT = "default";
    static final int DEFAULT_MAX_ACTIONS = 20;
    static final int DEFAULT_MAX_CONCURRENCY = 8;

    /** One setting: its config key, its value (null: unset), and where that value comes from. */
    record Setting<T>(String key, T value, String source) {
    }

    /** The flags that set what the config sets; null (or empty) where not given or not taken. */
    record Flags(List<String> regions, String profile, Integer maxConcurrency, Integer maxActions, Path auditLog,
                 Path prices, String topicArn, String tps) {
        Flags {
            regions = regions == null ? List.of() : List.copyOf(regions);
        }

        static Flags of(AwsOptions aws) {
            return new Flags(aws.regions, aws.profile, null, null, null, null, null, aws.tps);
        }

        Flags withMaxConcurrency(Integer n) {
            return new Flags(regions, profile, n, maxActions, auditLog, prices, topicArn, tps);
        }

        Flags withActions(ActionOptions actions) {
            return actions == null ? this
                    : new Flags(regions, profile, maxConcurrency, actions.maxActions, actions.auditLog, prices, topicArn, tps);
        }

        Flags withPrices(Path file) {
            return new Flags(regions, profile, maxConcurrency, maxActions, auditLog, file, topicArn, tps);
        }

        Flags withTopicArn(String arn) {
            return new Flags(regions, profile, maxConcurrency, maxActions, auditLog, prices, arn, tps);
        }
    }

    private final Flags flags;
    private final ConfigDiscovery.Located located;
    private final SweeperConfig config;
    private final String file;
    private final Map<String, String> env;

    /** {@code located} is the config file read (null: none), {@code config} what it holds. */
    Settings(Flags flags, ConfigDiscovery.Located located, SweeperConfig config, Map<String, String> env) {
        this.flags = flags;
        this.located = located;
        this.config = config;
        this.file = located == null ? null : located.file().toString();
        this.env = env;
    }

    /** The settings of a run: the explicit config file, else the discovered one, else none. */
    static Settings load(Flags flags, Path explicitConfig, Environment environment) {
        ConfigDiscovery.Located located = ConfigDiscovery.locate(explicitConfig, environment.env(), Path.of(""));
        SweeperConfig config = located == null ? SweeperConfig.empty()
                : ConfigLoader.load(located.file(), environment.env());
        return new Settings(flags, located, config, environment.env());
    }

    /** The config file read, and how it was found; null when none was. */
    ConfigDiscovery.Located located() {
        return located;
    }

    /** --region, the config, AWS_REGION, AWS_DEFAULT_REGION, the profile; as given ("all" not expanded). */
    Setting<List<String>> regions() {
        if (!flags.regions().isEmpty()) {
            return new Setting<>("regions", flags.regions().stream().map(String::trim).toList(), "--region");
        }
        if (!config.regions().isEmpty()) {
            return new Setting<>("regions", config.regions(), file);
        }
        for (String var : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                return new Setting<>("regions", List.of(v.trim()), "env " + var);
            }
        }
        Map<String, String> profileOnly = new HashMap<>(env);
        profileOnly.remove("AWS_REGION");
        profileOnly.remove("AWS_DEFAULT_REGION");
        String profile = flags.profile() != null ? flags.profile() : env.getOrDefault("AWS_PROFILE", "default");
        return AwsRegions.defaultRegion(flags.profile(), profileOnly)
                .map(r -> new Setting<>("regions", List.of(r), "profile " + profile))
                .orElse(new Setting<>("regions", (List<String>) null, DEFAULT));
    }

    /** The regions to sweep, checked, with {@code all} expanded to every region of the partition that has SageMaker. */
    List<String> regionsToSweep() {
        LinkedHashSet<String> regions = new LinkedHashSet<>();
        List<String> given = !flags.regions().isEmpty() ? flags.regions() : config.regions();
        for (String r : given) {
            String region = r.trim();
            if (region.equals("all")) {
                String home = AwsRegions.defaultRegion(flags.profile(), env).orElse("us-east-1");
                regions.addAll(AwsRegions.sageMakerRegions(AwsRegions.partitionOf(home)));
                continue;
            }
            if (!RegionCode.PATTERN.matcher(region).matches()) {
                throw new UsageException("--region '" + r + "' is not an AWS region name (like us-east-1)");
            }
            regions.add(region);
        }
        if (regions.isEmpty()) {
            List<String> fromChain = regions().value();
            if (fromChain == null) {
                throw new UsageException("no region: give --region, set AWS_REGION, or set one in the profile");
            }
            regions.addAll(fromChain);
        }
        return new ArrayList<>(regions);
    }

    Setting<Integer> maxActions() {
        return pick("max-actions", flags.maxActions(), "--max-actions", config.maxActions(), DEFAULT_MAX_ACTIONS);
    }

    Setting<Integer> maxConcurrency() {
        return pick("max-concurrency", flags.maxConcurrency(), "--max-concurrency", config.maxConcurrency(),
                DEFAULT_MAX_CONCURRENCY);
    }

    /**
     * --audit-log, $SWEEPER_AUDIT_LOG (the Lambda template sets it to its log group), the config, $XDG_STATE_HOME,
     * ~/.local/state; null when there is no HOME either. A value {@code cloudwatch-logs:GROUP} is a log group.
     */
    Setting<Path> auditLog() {
        String fromEnv = env.get("SWEEPER_AUDIT_LOG");
        if (flags.auditLog() == null && fromEnv != null && !fromEnv.isBlank()) {
            return new Setting<>("audit-log", Path.of(fromEnv.trim()), "env SWEEPER_AUDIT_LOG");
        }
        if (flags.auditLog() != null || config.auditLog() != null) {
            return pick("audit-log", flags.auditLog(), "--audit-log", config.auditLog(), null);
        }
        return new Setting<>("audit-log", JsonlAuditLog.defaultPath(env),
                UserDirs.isSet(env, "XDG_STATE_HOME") ? "env XDG_STATE_HOME"
                        : UserDirs.home(env).isPresent() ? DEFAULT : "(HOME is not set: give --audit-log)");
    }

    /** The team's own price table; null: the bundled one. */
    Setting<Path> prices() {
        return pick("prices", flags.prices(), "--prices", config.prices(), null);
    }

    Setting<String> topicArn() {
        return pick("notify.topic-arn", flags.topicArn(), "--topic-arn", config.topicArn(), null);
    }

    /** The pacing: the defaults, then the config's rate-limits, then --tps; a bad --tps is a usage error. */
    RateLimits rateLimits() {
        RateLimits limits = RateLimits.DEFAULTS.with(config.rateLimits());
        if (flags.tps() == null) {
            return limits;
        }
        try {
            return limits.with(RateLimits.parse(flags.tps()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--tps: " + e.getMessage());
        }
    }

    /** The named schedules of the config (none without one). */
    java.util.Map<String, dev.sweeper.core.Schedule> schedules() {
        return config.schedules();
    }

    /** The notebook settings of the config (all unset without one): the idle checker's thresholds among them. */
    dev.sweeper.config.SweeperConfig.Notebooks notebooksConfig() {
        return config.notebooks();
    }

    /** The idle checker's idle time: --idle-time, else the config's notebooks.autostop-idle-time, else 60 minutes. */
    java.time.Duration autostopIdleTime(java.time.Duration flag) {
        if (flag != null) {
            return flag;
        }
        java.time.Duration configured = config.notebooks().autostopIdleTime();
        return configured != null ? configured : AutostopNotebooksCommand.DEFAULT_IDLE;
    }

    /** The policy before any command's own flags: the config over the defaults. */
    Policy policy() {
        Policy d = Policy.defaults();
        SweeperConfig c = config;
        Policy p = d.withNotebookSignals(c.notebooks().over(d.notebookSignals()))
                .withProtection(c.protectTagKey() != null ? c.protectTagKey() : d.protectTagKey(),
                        c.protectTagValue() != null ? c.protectTagValue() : d.protectTagValue(),
                        c.protectedNamePatterns());
        // Each kind's window and age rule, as the config set them (by the keys its definition names).
        for (Kind kind : Kind.values()) {
            p = c.window(kind) != null ? p.withWindow(kind, c.window(kind)) : p;
            p = c.maxAge(kind) != null ? p.withMaxAge(kind, c.maxAge(kind)) : p;
        }
        return p;
    }

    /** A kind's window or age rule, by the key its definition names: the file's, else the default window or none. */
    private Setting<String> kindRule(String key) {
        for (Kind kind : Kind.values()) {
            if (key.equals(kind.definition().windowKey())) {
                return pick(key, Durations.format(config.window(kind)), Durations.format(Policy.DEFAULT_WINDOW));
            }
            if (key.equals(kind.definition().ageRuleKey())) {
                return pick(key, Durations.format(config.maxAge(kind)), null);
            }
        }
        throw new IllegalArgumentException("no kind's key: " + key);
    }

    /** Every key of config/sweeper.example.yaml, in its order, with the value a sweeping command would use. */
    List<Setting<?>> all() {
        Policy d = Policy.defaults();
        SweeperConfig c = config;
        List<Setting<?>> s = new ArrayList<>();
        s.add(regions());
        s.add(maxActions());
        s.add(maxConcurrency());
        s.add(shown(auditLog()));
        Setting<Path> prices = prices();
        s.add(prices.value() == null ? new Setting<>("prices", "(bundled config/prices.yaml)", DEFAULT) : shown(prices));
        s.add(topicArn());
        s.add(pick("protection.tag-key", c.protectTagKey(), d.protectTagKey()));
        s.add(pick("protection.tag-value", c.protectTagValue(), d.protectTagValue()));
        s.add(pick("protection.name-patterns",
                c.protectedNamePatterns().isEmpty() ? null : c.protectedNamePatterns().stream().map(Pattern::pattern).toList(),
                d.protectedNamePatterns().stream().map(Pattern::pattern).toList()));
        // The windows of the sections the example file opens the kinds with, the notebooks' own settings after
        // theirs; then every other kind's window or age rule, by its key (as the example file orders them).
        List<String> first = List.of(Kind.ENDPOINT.definition().windowKey(), Kind.NOTEBOOK.definition().windowKey());
        first.forEach(key -> s.add(kindRule(key)));
        SweeperConfig.Notebooks nb = c.notebooks();
        s.add(pick("notebooks.jupyter.probe", nb.jupyterProbe(), d.notebookSignals().jupyterProbe()));
        s.add(pick("notebooks.jupyter.ignore-connections", nb.ignoreConnections(),
                d.notebookSignals().ignoreConnections()));
        s.add(pick("notebooks.jupyter-log", nb.jupyterLog(), d.notebookSignals().jupyterLog()));
        s.add(pick("notebooks.heartbeat", nb.heartbeat(), d.notebookSignals().heartbeat()));
        s.add(pick("notebooks.require-machine-signal", nb.requireMachineSignal(),
                d.notebookSignals().requireMachineSignal()));
        s.add(pick("notebooks.metric", nb.metric() == null ? null : nb.metric().namespace() + "/" + nb.metric().name()
                + " " + nb.metric().dimension() + " " + nb.metric().statistic() + " >= " + nb.metric().threshold(),
                null));
        s.add(pick("notebooks.autostop-idle-time", Durations.format(nb.autostopIdleTime()),
                Durations.format(AutostopNotebooksCommand.DEFAULT_IDLE)));
        s.add(pick("notebooks.autostop-cpu-percent", nb.autostopCpuPercent(), LifecycleScript.DEFAULT_CPU_PERCENT));
        s.add(pick("notebooks.autostop-gpu-percent", nb.autostopGpuPercent(), LifecycleScript.DEFAULT_GPU_PERCENT));
        s.add(pick("notebooks.autostop-process-user", nb.autostopProcessUser(), LifecycleScript.DEFAULT_PROCESS_USER));
        java.util.Arrays.stream(Kind.values()).flatMap(k -> java.util.stream.Stream.of(k.definition().windowKey(),
                        k.definition().ageRuleKey())).filter(key -> key != null && !first.contains(key)).sorted()
                .forEach(key -> s.add(kindRule(key)));
        RateLimits limits = rateLimits();
        for (RateLimits.Family f : RateLimits.Family.values()) {
            s.add(flags.tps() != null ? new Setting<>("rate-limits." + f.id(), limits.of(f), "--tps")
                    : pick("rate-limits." + f.id(), c.rateLimits().get(f), RateLimits.DEFAULTS.of(f)));
        }
        c.schedules().forEach((name, schedule) -> s.add(new Setting<>("schedules." + name, schedule.describe(), file)));
        return s;
    }

    private static Setting<String> shown(Setting<Path> s) {
        return new Setting<>(s.key(), s.value() == null ? null : s.value().toString(), s.source());
    }

    /** The flag's value, else the file's, else the default. */
    private <T> Setting<T> pick(String key, T fromFlag, String flag, T fromFile, T fallback) {
        return fromFlag != null ? new Setting<>(key, fromFlag, flag) : pick(key, fromFile, fallback);
    }

    private <T> Setting<T> pick(String key, T fromFile, T fallback) {
        return fromFile != null ? new Setting<>(key, fromFile, file) : new Setting<>(key, fallback, DEFAULT);
    }
}
