package dev.sweeper.cli;

import dev.sweeper.core.ResourceFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Option;

/** Which resources a command looks at: by name and by tags. */
public class FilterOptions {
    @Option(names = "--name-contains", paramLabel = "TEXT", description = "Only resources whose name contains TEXT.")
    String nameContains;

    @Option(names = "--name-regex", paramLabel = "REGEX", description = "Only resources whose name matches REGEX.")
    String nameRegex;

    @Option(names = "--tag", paramLabel = "KEY=VALUE",
            description = "Only resources with this tag (repeatable; all must match).")
    List<String> tags = List.of();

    /** No name or tag filter was given: the command would reach every resource of its kind. */
    boolean isEmpty() {
        return nameContains == null && nameRegex == null && tags.isEmpty();
    }

    ResourceFilter toFilter() {
        Pattern regex = null;
        if (nameRegex != null) {
            try {
                regex = Pattern.compile(nameRegex);
            } catch (PatternSyntaxException e) {
                throw new UsageException("--name-regex '" + nameRegex + "' is not a valid regular expression: "
                        + e.getDescription());
            }
        }
        if (nameContains != null && nameContains.isEmpty()) {
            throw new UsageException("--name-contains must not be empty");
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String t : tags) {
            int eq = t.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--tag '" + t + "' must be KEY=VALUE");
            }
            wanted.put(t.substring(0, eq), t.substring(eq + 1));
        }
        return new ResourceFilter(nameContains, regex, wanted, java.util.Set.of());
    }
}
