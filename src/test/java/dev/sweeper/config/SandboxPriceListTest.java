package dev.sweeper.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.config.PriceTable.Usage;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bundled table is the fallback of AWS's price list: for every usage both price in the same region, the
 * sandbox's price list (records in AWS's format) and the bundled table say the same number.
 */
class SandboxPriceListTest {
    private static final Pattern USAGE = Pattern.compile(
            "^[A-Z0-9]+-(?:(Host|Notebk|Cluster):(ml\\.[a-z0-9-]+\\.[a-z0-9]+)|Studio:[A-Za-z]+-(ml\\.[a-z0-9-]+\\.[a-z0-9]+)"
                    + "|(Notebk):VolumeUsage\\.gp2|(Studio):VolumeUsage\\.gp3|(Canvas):Session-Hrs)$");

    record Row(String region, String usageType, Usage usage, String item, double usd) {
    }

    static List<Row> rows() throws Exception {
        List<Row> out = new ArrayList<>();
        try (InputStream in = SandboxPriceListTest.class.getResourceAsStream(
                "/dev/sweeper/sandbox/pricing/sagemaker-price-list.json")) {
            for (JsonNode p : new ObjectMapper().readTree(in)) {
                JsonNode a = p.path("product").path("attributes");
                String type = a.path("usagetype").asText();
                Matcher m = USAGE.matcher(type);
                assertThat(m.matches()).as("a usage type the sweeper asks for: " + type).isTrue();
                Usage usage;
                String item;
                if (m.group(1) != null) {
                    usage = switch (m.group(1)) {
                        case "Host" -> Usage.of("hosting");
                        case "Notebk" -> Usage.of("notebook");
                        default -> Usage.of("hyperpod");
                    };
                    item = m.group(2);
                } else if (m.group(3) != null) {
                    usage = Usage.of("studio");
                    item = m.group(3);
                } else if (m.group(4) != null || m.group(5) != null) {
                    usage = Usage.STORAGE;
                    item = m.group(4) != null ? "notebook" : "studio";
                } else {
                    usage = Usage.of("canvas");
                    item = "workspace";
                }
                JsonNode terms = p.path("terms").path("OnDemand");
                assertThat(terms.size()).as(type).isEqualTo(1);
                JsonNode dims = terms.elements().next().path("priceDimensions");
                assertThat(dims.size()).as(type).isEqualTo(1);
                double usd = Double.parseDouble(dims.elements().next().path("pricePerUnit").path("USD").asText());
                out.add(new Row(a.path("regionCode").asText(), type, usage, item, usd));
            }
        }
        return out;
    }

    @Test
    void sandboxPriceList_andBundledTable_neverDisagreeForTheSameUsage() throws Exception {
        PriceTable bundled = PriceTable.bundled();
        int compared = 0;
        for (Row r : rows()) {
            if (!r.region().equals(bundled.region()) && bundled.isRegionFallback(r.region())) {
                continue; // the table has no price of that region's own: nothing to disagree with
            }
            OptionalDouble table = bundled.hourly(r.usage(), r.item(), r.region());
            if (table.isPresent()) {
                assertThat(r.usd()).as(r.usageType()).isEqualTo(table.getAsDouble());
                compared++;
            }
        }
        assertThat(compared).as("most of the sandbox's records are priced by the table too").isGreaterThan(20);
    }
}
