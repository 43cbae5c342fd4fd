package dev.sweeper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sweeper.core.Schedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleConfigTest {
    @TempDir
    Path dir;

    Path write(String yaml) throws IOException {
        Path f = dir.resolve("sweeper.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    static final String GOOD = """
            schedules:
              berlin-office:
                timezone: Europe/Berlin
                outside: stop-if-idle
                periods:
                  - {days: mon-fri, start: "07:00", end: "20:00"}
                  - days: [sat]
                    start: "22:00"
                    end: "06:00"
              nyc:
                timezone: America/New_York
                periods:
                  - {days: [mon, wed], start: "18:00", end: "24:00"}
            """;

    @Test
    void load_whenSchedules_readsEveryPeriod() throws IOException {
        SweeperConfig c = ConfigLoader.load(write(GOOD), Map.of());

        Schedule berlin = c.schedules().get("berlin-office");
        assertThat(berlin.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(berlin.outside()).isEqualTo(Schedule.Outside.STOP_IF_IDLE);
        assertThat(berlin.periods()).containsExactly(
                new Schedule.Period(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(7, 0), LocalTime.of(20, 0), false),
                new Schedule.Period(EnumSet.of(DayOfWeek.SATURDAY), LocalTime.of(22, 0), LocalTime.of(6, 0), false));
        Schedule nyc = c.schedules().get("nyc");
        assertThat(nyc.outside()).isEqualTo(Schedule.Outside.STOP);
        assertThat(nyc.inside(Instant.parse("2026-10-27T03:59:00Z"))).isTrue(); // Monday 23:59 EDT
        assertThat(nyc.inside(Instant.parse("2026-10-27T04:00:00Z"))).isFalse();
    }

    @Test
    void load_whenExampleConfig_hasASchedule() {
        assertThat(ConfigLoader.load(Path.of("config/sweeper.example.yaml"), Map.of()).schedules()).isNotEmpty();
    }

    @Test
    void load_whenNoSchedules_isEmpty() throws IOException {
        assertThat(ConfigLoader.load(write("max-actions: 3\n"), Map.of()).schedules()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "schedules: {a: {timezone: UTC, periods: [{days: mon, start: '07:00', end: '08:00'}], when: x}}|unknown key 'schedules.a.when'",
        "schedules: {a: {timezone: UTC, periods: [{days: mon, start: '07:00', end: '08:00', tz: x}]}}|unknown key 'schedules.a.periods[0].tz'",
        "schedules: {a: {timezone: Mars/Olympus, periods: [{days: mon, start: '07:00', end: '08:00'}]}}|schedules.a.timezone: 'Mars/Olympus'",
        "schedules: {a: {periods: [{days: mon, start: '07:00', end: '08:00'}]}}|schedules.a.timezone: required",
        "schedules: {a: {timezone: UTC, periods: []}}|schedules.a.periods: required",
        "schedules: {a: {timezone: UTC}}|schedules.a.periods: required",
        "schedules: {a: {timezone: UTC, periods: [{days: mon, start: '7am', end: '08:00'}]}}|schedules.a.periods[0].start: '7am'",
        "schedules: {a: {timezone: UTC, periods: [{days: mon, start: '07:00', end: '25:00'}]}}|schedules.a.periods[0].end: '25:00'",
        "schedules: {a: {timezone: UTC, periods: [{days: mon, start: '07:00', end: '07:00'}]}}|schedules.a.periods[0].end: '07:00'",
        "schedules: {a: {timezone: UTC, periods: [{days: [mon, fry], start: '07:00', end: '08:00'}]}}|schedules.a.periods[0].days: 'fry'",
        "schedules: {a: {timezone: UTC, periods: [{start: '07:00', end: '08:00'}]}}|schedules.a.periods[0].days: required",
        "schedules: {a: {timezone: UTC, periods: [{days: mon, end: '08:00'}]}}|schedules.a.periods[0].start: required",
        "schedules: {a: {timezone: UTC, outside: delete, periods: [{days: mon, start: '07:00', end: '08:00'}]}}|schedules.a.outside: 'delete'",
        "schedules: {'a b': {timezone: UTC, periods: [{days: mon, start: '07:00', end: '08:00'}]}}|schedules.a b: 'a b'",
        "schedules: [a]|schedules must be a mapping",
        "schedules: {a: {timezone: UTC, periods: [x]}}|schedules.a.periods[0] must be a mapping"})
    void load_whenScheduleMalformed_namesTheKey(String yaml, String message) throws IOException {
        Path f = write(yaml + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining(message);
    }
}
