package dev.sweeper.core;

/** Where use cases send what is not a result: warnings, progress, details. All of it goes to stderr. */
public interface Log {
    void warn(String message);

    void info(String message);

    void debug(String message);

    /** A transient progress line; shown only when stderr is a terminal. */
    default void progress(String message) {
    }

    Log SILENT = new Log() {
        @Override
        public void warn(String message) {
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void debug(String message) {
        }
    };
}
