package dev.sweeper.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotebookPlatformsTest {
    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "notebook-al2-v1, true", "notebook-al2-v2, true", "notebook-al2-v3, true", "notebook-al1-v1, true",
        // AL2023's identifier begins with notebook-al2 too: it is not Amazon Linux 2.
        "notebook-al2023-v1, false", "null, false"})
    void mayNotStartAgain_whenPlatform_isTrueOnlyForAmazonLinux1And2(String platform, boolean expected) {
        assertThat(NotebookPlatforms.mayNotStartAgain(platform)).isEqualTo(expected);
        assertThat(NotebookPlatforms.warning(platform).isPresent()).isEqualTo(expected);
    }
}
