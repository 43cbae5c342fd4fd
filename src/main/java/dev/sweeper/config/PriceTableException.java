package dev.sweeper.config;

/**
 * A price table that cannot be read or does not validate. The message is one line naming
 * the file, the offending key and its value, so that the CLI can print it as it is.
 */
public final class PriceTableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String key;
    private final String value;

    PriceTableException(String file, String key, String value, String problem) {
        this(file, key, value, problem, null);
    }

    PriceTableException(String file, String key, String value, String problem, Throwable cause) {
        super(message(file, key, value, problem), cause);
        this.file = file;
        this.key = key;
        this.value = value;
    }

    /** The file (or classpath resource) the table was read from. */
    public String file() {
        return file;
    }

    /** The dotted path of the offending key, e.g. {@code hosting.ml.m5.xlarge}; null when the file as a whole is at fault. */
    public String key() {
        return key;
    }

    /** The offending value as written, or null. */
    public String value() {
        return value;
    }

    private static String message(String file, String key, String value, String problem) {
        StringBuilder sb = new StringBuilder("price table ").append(file).append(": ");
        if (key != null) {
            sb.append("key '").append(key).append("'");
            if (value != null) {
                sb.append(" = '").append(value).append("'");
            }
            sb.append(": ");
        }
        sb.append(problem);
        return oneLine(sb.toString());
    }

    static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
