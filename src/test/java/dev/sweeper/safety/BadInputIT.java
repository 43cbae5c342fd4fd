package dev.sweeper.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad flags and bad config files, against a running sandbox: each must exit 2 with exactly one
 * {@code error: } line on stderr naming what is wrong, nothing on stdout, no stack trace, and
 * not one AWS call (the sandbox counts every request it gets).
 */
class BadInputIT {
    static final String DIR = "src/test/resources/safety/bad-config/";
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:sweeper-alerts";

    @RegisterExtension
    static final Sandbox sandbox = Sandbox.perTestSampleFleet();

    @BeforeEach
    void resetStats() {
        sandbox.resetStats();
    }

    /**
     * One bad invocation. {@code mentions} is what the error line must name. With {@code onSandbox}
     * the sandbox's endpoint and a valid region are appended; otherwise {@code {url}} in the
     * arguments stands for the sandbox's endpoint.
     */
    record Case(String label, String mentions, boolean onSandbox, List<String> args) {
        @Override
        public String toString() {
            return label;
        }

        String[] argv() {
            List<String> all = new ArrayList<>();
            args.forEach(a -> all.add(a.replace("{url}", sandbox.url())));
            if (onSandbox) {
                all.addAll(List.of("--endpoint-url", sandbox.url(), "--region", "us-east-1"));
            }
            return all.toArray(String[]::new);
        }
    }

    static Case on(String label, String mentions, String... args) {
        return new Case(label, mentions, true, List.of(args));
    }

    static Case raw(String label, String mentions, String... args) {
        return new Case(label, mentions, false, List.of(args));
    }

    static Case config(String file, String mentions) {
        return on("scan --config " + file, mentions, "scan", "--config", DIR + file);
    }

    static Stream<Case> rejected() {
        return Stream.of(
                // scan
                on("scan --window 59s", "--window", "scan", "--window", "59s"),
                on("scan --window 31d", "out of range", "scan", "--window", "31d"),
                on("scan --window soon", "'soon' is not a duration", "scan", "--window", "soon"),
                on("scan --window -5m", "'-5m'", "scan", "--window", "-5m"),
                on("scan --window PT0S", "out of range", "scan", "--window", "PT0S"),
                on("scan --max-age 0m", "--max-age", "scan", "--max-age", "0m"),
                on("scan --kinds notebook,robot", "robot", "scan", "--kinds", "notebook,robot"),
                on("scan --kinds ''", "--kinds", "scan", "--kinds", ""),
                on("scan --name-regex (", "--name-regex", "scan", "--name-regex", "("),
                on("scan --name-contains ''", "--name-contains", "scan", "--name-contains", ""),
                on("scan --tag novalue", "--tag 'novalue'", "scan", "--tag", "novalue"),
                on("scan --tag =x", "--tag '=x'", "scan", "--tag", "=x"),
                on("scan --output yaml", "--output 'yaml'", "scan", "--output", "yaml"),
                on("scan --max-concurrency 0", "--max-concurrency", "scan", "--max-concurrency", "0"),
                on("scan --max-concurrency 65", "--max-concurrency", "scan", "--max-concurrency", "65"),
                on("scan --tps fast", "--tps", "scan", "--tps", "fast"),
                on("scan --tps 0", "--tps", "scan", "--tps", "0"),
                on("endpoints idle --tps describe=5", "unknown family 'describe'", "endpoints", "idle", "--tps",
                        "describe=5"),
                on("scan --notify, no topic anywhere", "--notify needs a topic", "scan", "--notify"),
                on("scan --topic-arn without --notify", "--topic-arn is given without --notify",
                        "scan", "--topic-arn", TOPIC),
                on("scan --notify --topic-arn SQS ARN", "not an SNS topic ARN",
                        "scan", "--notify", "--topic-arn", "arn:aws:sqs:us-east-1:123456789012:q"),
                on("scan --prices bad price file", "the price is negative",
                        "scan", "--prices", DIR + "bad-prices.yaml"),
                on("scan --prices duplicate key", "bad-prices-duplicate.yaml",
                        "scan", "--prices", DIR + "bad-prices-duplicate.yaml"),
                raw("scan --region useast1", "'useast1'", "scan", "--region", "useast1", "--endpoint-url", "{url}"),
                raw("scan --region us-east-1,,eu-west-1", "--region ''",
                        "scan", "--region", "us-east-1,,eu-west-1", "--endpoint-url", "{url}"),
                raw("scan without any region", "no region", "scan", "--endpoint-url", "{url}"),
                // endpoints idle
                on("endpoints idle --window soon", "--window", "endpoints", "idle", "--window", "soon"),
                on("endpoints idle --apply without --delete", "--apply needs an action",
                        "endpoints", "idle", "--apply"),
                on("endpoints idle --max-actions -1", "--max-actions", "endpoints", "idle", "--delete",
                        "--max-actions", "-1"),
                on("endpoints idle --notify --topic-arn short account", "not an SNS topic ARN",
                        "endpoints", "idle", "--notify", "--topic-arn", "arn:aws:sns:us-east-1:123:sweeper-alerts"),
                on("endpoints idle --notify --topic-arn ''", "not an SNS topic ARN",
                        "endpoints", "idle", "--notify", "--topic-arn", ""),
                on("endpoints idle --topic-arn without --notify", "without --notify",
                        "endpoints", "idle", "--topic-arn", TOPIC),
                on("endpoints idle --output yaml", "yaml", "endpoints", "idle", "--output", "yaml"),
                // apps idle
                on("apps idle --max-age 31d", "--max-age", "apps", "idle", "--max-age", "31d"),
                on("apps idle --max-age forever", "'forever'", "apps", "idle", "--max-age", "forever"),
                on("apps idle --apply without --delete", "--apply needs an action", "apps", "idle", "--apply"),
                on("apps idle --notify, no topic", "--notify needs a topic", "apps", "idle", "--notify"),
                on("apps idle --max-concurrency 65", "--max-concurrency", "apps", "idle", "--max-concurrency", "65"),
                // stop-notebooks
                on("stop-notebooks --idle-only --include-active", "--include-active and --idle-only contradict",
                        "stop-notebooks", "--all", "--idle-only", "--include-active"),
                on("stop-notebooks --mark --include-active", "does not combine with --include-active",
                        "stop-notebooks", "--name-contains", "dev-", "--mark", "--include-active"),
                on("stop-notebooks --notify, no topic", "--notify needs a topic", "stop-notebooks", "--name-contains",
                        "dev-", "--notify"),
                on("stop-notebooks --idle-only as the only filter", "--all", "stop-notebooks", "--idle-only"),
                on("endpoints idle --include-active without --delete", "--include-active applies with --delete",
                        "endpoints", "idle", "--include-active"),
                on("apps idle --user ''", "--user must not be empty", "apps", "idle", "--user", ""),
                on("mlflow stop without an age rule", "--include-active", "mlflow", "stop", "--name-contains", "team-"),
                on("autostop-notebooks --include-active without --restart-idle", "--include-active applies with "
                        + "--restart-idle", "autostop-notebooks", "--all", "--include-active"),
                on("stop-notebooks --idle-only --window 45s", "out of range",
                        "stop-notebooks", "--idle-only", "--window", "45s"),
                on("stop-notebooks --wait without --apply", "--wait needs --apply", "stop-notebooks", "--wait"),
                on("stop-notebooks --wait-timeout without --wait", "--wait-timeout",
                        "stop-notebooks", "--apply", "--wait-timeout", "5m"),
                on("stop-notebooks --wait-timeout 0s", "--wait-timeout",
                        "stop-notebooks", "--apply", "--wait", "--wait-timeout", "0s"),
                on("stop-notebooks --wait-timeout soon", "--wait-timeout",
                        "stop-notebooks", "--apply", "--wait", "--wait-timeout", "soon"),
                on("stop-notebooks --max-actions -1", "--max-actions", "stop-notebooks", "--max-actions", "-1"),
                on("stop-notebooks --tag novalue", "--tag", "stop-notebooks", "--apply", "--tag", "novalue"),
                on("stop-notebooks --max-concurrency 0", "--max-concurrency",
                        "stop-notebooks", "--max-concurrency", "0"),
                // start-notebooks
                on("start-notebooks --idle-only", "--idle-only applies to stop-notebooks",
                        "start-notebooks", "--idle-only"),
                on("start-notebooks --wait without --apply", "--wait needs --apply", "start-notebooks", "--wait"),
                on("start-notebooks --wait-timeout 31d", "--wait-timeout",
                        "start-notebooks", "--apply", "--wait", "--wait-timeout", "31d"),
                on("start-notebooks --name-regex [", "--name-regex", "start-notebooks", "--name-regex", "["),
                on("start-notebooks --max-actions -1", "--max-actions", "start-notebooks", "--max-actions", "-1"),
                // a destructive command with no filter at all needs --all, dry run or not
                on("stop-notebooks with no filter", "--all", "stop-notebooks"),
                on("stop-notebooks --apply with no filter", "--all", "stop-notebooks", "--apply"),
                on("stop-notebooks --apply --wait with no filter", "--name-regex",
                        "stop-notebooks", "--apply", "--wait"),
                on("start-notebooks --apply with no filter", "--all", "start-notebooks", "--apply"),
                on("endpoints idle --delete with no filter", "--all", "endpoints", "idle", "--delete"),
                on("endpoints idle --delete --apply with no filter", "--all",
                        "endpoints", "idle", "--delete", "--apply"),
                on("apps idle --delete --apply with no filter", "--all",
                        "apps", "idle", "--max-age", "1d", "--delete", "--apply"),
                // report
                on("report --format pdf", "--format 'pdf'", "report", "--format", "pdf"),
                on("report --output pdf", "--output 'pdf'", "report", "--output", "pdf"),
                on("report --format json --output csv", "disagree", "report", "--format", "json", "--output", "csv"),
                on("report --window 31d", "--window", "report", "--window", "31d"),
                on("report --max-age soon", "--max-age", "report", "--max-age", "soon"),
                on("report --kinds robot", "robot", "report", "--kinds", "robot"),
                on("report --out in a missing directory", "no such directory",
                        "report", "--out", "target/no-such-dir/report.html"),
                on("report --prices missing file", "no-such-prices.yaml",
                        "report", "--prices", DIR + "no-such-prices.yaml"),
                // --endpoint-url
                raw("--endpoint-url not a URL", "is not a URL",
                        "scan", "--region", "us-east-1", "--endpoint-url", "http://exa mple"),
                raw("--endpoint-url no scheme", "--endpoint-url 'notaurl'",
                        "scan", "--region", "us-east-1", "--endpoint-url", "notaurl"),
                raw("--endpoint-url ftp://", "http:// or https://",
                        "scan", "--region", "us-east-1", "--endpoint-url", "ftp://127.0.0.1:4566"),
                raw("--endpoint-url plain http to 10.1.2.3", "--allow-insecure-endpoint",
                        "endpoints", "idle", "--region", "us-east-1", "--endpoint-url", "http://10.1.2.3:4566"),
                raw("--endpoint-url plain http to a name that only starts with localhost", "non-loopback",
                        "scan", "--region", "us-east-1", "--endpoint-url", "http://localhost.example.com:4566"),
                raw("--endpoint-url plain http with 127.0.0.1 as user info", "non-loopback",
                        "scan", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1@evil.example.com:4566"),
                // --config
                config("no-such-config.yaml", "config file not found"),
                on("scan --config a directory (unreadable)", "is a directory",
                        "scan", "--config", "src/test/resources/safety"),
                config("not-utf8.yaml", "not UTF-8"),
                config("malformed.yaml", "not valid YAML"),
                config("unknown-key.yaml", "unknown key 'max-actoins'"),
                config("unknown-nested-key.yaml", "unknown key 'endpoints.windw'"),
                config("wrong-type.yaml", "max-actions: 'many'"),
                config("section-not-mapping.yaml", "endpoints must be a mapping"),
                config("top-level-list.yaml", "must be a mapping"),
                config("arn-not-string.yaml", "notify.topic-arn"),
                config("bad-duration.yaml", "endpoints.window"),
                config("duration-out-of-range.yaml", "notebooks.window"),
                config("max-age-too-short.yaml", "apps.max-age"),
                config("bad-regex.yaml", "protection.name-patterns"),
                config("bad-arn.yaml", "not an SNS topic ARN"),
                config("concurrency-out-of-range.yaml", "max-concurrency: '100'"),
                config("max-actions-negative.yaml", "max-actions: '-1'"),
                config("max-actions-fraction.yaml", "max-actions: '1.5'"),
                config("bad-region.yaml", "regions: 'useast1'"),
                config("cpu-threshold-removed.yaml", "notebooks.cpu-threshold-percent: no longer supported"),
                config("blank-tag-key.yaml", "protection.tag-key"),
                config("prices-bad-file.yaml", "the price is negative"),
                config("prices-missing-file.yaml", "no-such-prices.yaml"),
                on("scan --config the sandbox's fleet file", "unknown key",
                        "scan", "--config", "config/sample-fleet.yaml"),
                on("endpoints idle --config with a topic, --notify --topic-arn bad", "not an SNS topic ARN",
                        "endpoints", "idle", "--config", DIR + "with-topic.yaml", "--notify", "--topic-arn", "nope"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void sweeper_whenBadInput_exits2WithOneErrorLineAndCallsNothing(Case c) {
        assertRejectedCleanly(c);
    }

    @Test
    void sweeper_whenConfigUnreadable_exits2WithOneErrorLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("locked.yaml"), "max-actions: 5\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as root: permissions cannot make a file unreadable");

        assertRejectedCleanly(on("scan --config unreadable", "cannot read config file",
                "scan", "--config", file.toString()));
    }

    // ---- errors picocli raises itself: each must still be one clear line (the hint line aside) and exit 2 ----

    /** Errors picocli itself raises (parsing, type conversion): these print a second line, "try: ... --help". */
    static Stream<Case> rejectedByTheParser() {
        return Stream.of(
                on("scan --bogus (unknown option)", "--bogus", "scan", "--bogus"),
                on("scan --max-actions (option of another command)", "--max-actions", "scan", "--max-actions", "3"),
                on("endpoints idle --max-actions abc", "'abc'", "endpoints", "idle", "--max-actions", "abc"),
                on("endpoints idle --max-actions 99999999999", "--max-actions", "endpoints", "idle",
                        "--max-actions", "99999999999"),
                on("stop-notebooks --max-concurrency abc", "--max-concurrency",
                        "stop-notebooks", "--max-concurrency", "abc"),
                raw("endpoints idle --window with no value", "--window",
                        "endpoints", "idle", "--region", "us-east-1", "--endpoint-url", "{url}", "--window"),
                raw("endpoints (missing subcommand)", "subcommand", "endpoints"),
                raw("apps (missing subcommand)", "subcommand", "apps"),
                on("scan extra positional argument", "extra", "scan", "extra"),
                on("scan --output twice", "--output", "scan", "--output", "json", "--output", "csv"),
                on("scan --allow-insecure-endpoint=maybe", "--allow-insecure-endpoint",
                        "scan", "--allow-insecure-endpoint=maybe"));
    }

    /** Every option that takes a value, given last with none: picocli reports these. */
    static Stream<Case> missingValues() {
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> filters = List.of("--name-contains", "--name-regex", "--tag");
        options.put("scan", concat(List.of("--region", "--profile", "--endpoint-url", "--config", "--output",
                "--max-concurrency", "--kinds", "--window", "--max-age", "--prices", "--topic-arn"), filters));
        options.put("endpoints idle", concat(List.of("--window", "--topic-arn", "--max-actions", "--region",
                "--config"), filters));
        options.put("apps idle", concat(List.of("--max-age", "--topic-arn", "--max-actions", "--output"), filters));
        options.put("stop-notebooks", concat(List.of("--window", "--max-actions", "--wait-timeout",
                "--max-concurrency"), filters));
        options.put("start-notebooks", concat(List.of("--max-actions", "--wait-timeout", "--endpoint-url"),
                filters));
        options.put("report", concat(List.of("--kinds", "--window", "--max-age", "--format", "--out", "--prices"),
                filters));
        List<Case> cases = new ArrayList<>();
        options.forEach((command, names) -> {
            for (String option : names) {
                List<String> args = new ArrayList<>(List.of(command.split(" ")));
                if (!option.equals("--endpoint-url")) {
                    args.addAll(List.of("--endpoint-url", "{url}"));
                }
                if (!option.equals("--region")) {
                    args.addAll(List.of("--region", "us-east-1"));
                }
                args.add(option);
                cases.add(raw(command + " " + option + " with no value", option, args.toArray(String[]::new)));
            }
        });
        return cases.stream();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"rejectedByTheParser", "missingValues"})
    void sweeper_whenParserRejects_exits2WithOneErrorLine(Case c) {
        assertRejectedCleanly(c);
    }

    @Test
    void sweeper_whenPricesIsADirectory_namesNoExceptionClass() {
        assertRejectedCleanly(on("scan --prices a directory", "src/test/resources/safety",
                "scan", "--prices", "src/test/resources/safety"));
    }

    @Test
    void report_whenOutIsADirectory_exits2BeforeAnyCall() {
        assertRejectedCleanly(on("report --out a directory", "--out", "report", "--out", "target"));
    }

    @Test
    void scan_whenProfileDoesNotExist_exits2() {
        assertRejectedCleanly(on("scan --profile no-such-profile", "no-such-profile",
                "scan", "--profile", "no-such-profile"));
    }

    @Test
    void scan_whenConfigRepeatsAKey_exits2() {
        assertRejectedCleanly(config("duplicate-key.yaml", "max-actions"));
    }

    private static void assertRejectedCleanly(Case c) {
        Cli.Run run = Cli.run(c.argv());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).as("stdout").isEmpty();
        List<String> lines = run.err().lines().toList();
        assertThat(lines).as("stderr lines").hasSize(1);
        assertThat(lines.get(0)).startsWith("error: ").contains(c.mentions())
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(sandbox.totalCalls()).as("AWS calls made").isZero();
    }
}
