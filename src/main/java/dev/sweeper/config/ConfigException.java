package dev.sweeper.config;

/** A configuration file or value is wrong. The message is one line naming the file, key and value. */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
