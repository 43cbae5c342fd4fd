package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CliLogTest {
    final StringWriter err = new StringWriter();
    final AtomicLong nanos = new AtomicLong();

    CliLog log(boolean verbose, boolean quiet, boolean terminal) {
        return new CliLog(new PrintWriter(err, true), verbose, quiet, terminal, nanos::get);
    }

    @Test
    void progress_whenTerminalAndSlow_showsAndClearsTheLine() {
        CliLog log = log(false, false, true);
        log.progress("early");
        nanos.set(1_500_000_000L);
        log.progress("listed 10 endpoints");
        log.endProgress();

        assertThat(err.toString()).doesNotContain("early").contains("\rlisted 10 endpoints".replace("\r", "\r\033[K"))
                .endsWith("\r\033[K");
    }

    @Test
    void progress_whenNotATerminal_printsNothing() {
        CliLog log = log(true, false, false);
        nanos.set(5_000_000_000L);
        log.progress("listed 10 endpoints");
        log.endProgress();

        assertThat(err.toString()).isEmpty();
    }

    @Test
    void warn_whenQuiet_isSilentButDebugNeedsVerbose() {
        log(false, true, false).warn("w");
        log(false, false, false).debug("d");
        assertThat(err.toString()).isEmpty();

        log(true, false, false).debug("d");
        log(false, false, false).warn("w");
        assertThat(err.toString()).isEqualTo("debug: d" + System.lineSeparator() + "warning: w" + System.lineSeparator());
    }
}
