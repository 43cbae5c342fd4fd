package dev.sweeper.sandbox.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The part of CloudWatch Logs' filter pattern syntax for unstructured log events that the sandbox serves, as AWS's
 * "Filter pattern syntax for metric filters, subscription filters, filter log events, and Live Tail" describes it
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html, "Matching terms in
 * unstructured log events"):
 * <ul>
 *   <li>a term matches an event whose message contains it, anywhere, case-sensitive ("ERROR" matches
 *       "Exiting with ERRORCODE: -1");</li>
 *   <li>several terms: all must appear ({@code ERROR Exception}); a term with characters other than letters, digits
 *       and underscores goes in double quotes, which make it one term, an exact phrase;</li>
 *   <li>{@code ?term ?term}: OR, an event holding any of them ({@code ?ERROR ?WARN});</li>
 *   <li>{@code -term} excludes events holding the term; an empty pattern matches every event.</li>
 * </ul>
 * JSON ({@code {...}}), space-delimited ({@code [...]}) and regular-expression ({@code %...%}) patterns, and a mix
 * of OR terms with plain ones, are refused as unsupported here rather than matched wrongly.
 */
final class FilterPattern {
    /** FilterPattern's length in CloudWatch Logs' service model (botocore logs 2014-03-28: max 1024). */
    static final int MAX_LENGTH = 1024;

    private FilterPattern() {
    }

    /**
     * What the pattern matches.
     *
     * @throws IllegalArgumentException with the reason, for a pattern the sandbox does not serve or that is not one
     */
    static Predicate<String> parse(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return m -> true;
        }
        String p = pattern.strip();
        if (p.startsWith("{") || p.startsWith("[") || p.startsWith("%")) {
            throw new IllegalArgumentException("the sandbox matches terms, \"phrases\", ?OR terms and -excluded terms"
                    + " only, not '" + p + "'");
        }
        List<String> all = new ArrayList<>();
        List<String> any = new ArrayList<>();
        List<String> none = new ArrayList<>();
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            List<String> into = all;
            if (c == '?' || c == '-') {
                into = c == '?' ? any : none;
                i++;
                if (i >= p.length() || Character.isWhitespace(p.charAt(i))) {
                    throw new IllegalArgumentException("'" + c + "' must be followed by a term in '" + p + "'");
                }
            }
            String term;
            if (p.charAt(i) == '"') {
                int end = p.indexOf('"', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unbalanced quotes in '" + p + "'");
                }
                term = p.substring(i + 1, end);
                i = end + 1;
            } else {
                int end = i;
                while (end < p.length() && !Character.isWhitespace(p.charAt(end))) {
                    end++;
                }
                term = p.substring(i, end);
                if (!term.matches("\\w+")) {
                    throw new IllegalArgumentException("the term '" + term + "' has characters other than letters,"
                            + " digits and underscores: it must be in double quotes");
                }
                i = end;
            }
            into.add(term);
        }
        if (!any.isEmpty() && !all.isEmpty()) {
            throw new IllegalArgumentException("the sandbox does not mix ?OR terms with plain terms: '" + p + "'");
        }
        return message -> (any.isEmpty() || any.stream().anyMatch(message::contains))
                && all.stream().allMatch(message::contains)
                && none.stream().noneMatch(message::contains);
    }
}
