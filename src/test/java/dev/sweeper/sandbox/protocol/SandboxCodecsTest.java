package dev.sweeper.sandbox.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sweeper.sandbox.fleet.Durations;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxCodecsTest {

    @Test
    void parseForm_whenMembersNested_buildsListsOfMaps() {
        Map<String, Object> tree = QueryCodec.parseForm("Action=GetMetricData&Version=2010-08-01"
                + "&MetricDataQueries.member.2.Id=b&MetricDataQueries.member.1.Id=a"
                + "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name=EndpointName"
                + "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value=fraud%2Dv2"
                + "&Statistics.member.1=Sum&Statistics.member.2=Average&Empty=");
        assertThat(tree.get("Action")).isEqualTo("GetMetricData");
        List<?> queries = (List<?>) tree.get("MetricDataQueries");
        assertThat(queries).hasSize(2);
        assertThat(((Map<?, ?>) queries.get(0)).get("Id")).isEqualTo("a");
        assertThat(tree.get("Statistics")).isEqualTo(List.of("Sum", "Average"));
        Map<?, ?> metric = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) queries.get(0)).get("MetricStat")).get("Metric");
        assertThat(((Map<?, ?>) ((List<?>) metric.get("Dimensions")).get(0)).get("Value")).isEqualTo("fraud-v2");
    }

    @Test
    void response_whenListsAndTimestamps_writesMembersAndIso() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("Timestamps", List.of(Instant.parse("2024-01-01T00:00:00Z")));
        result.put("Label", "a<b");
        result.put("NextToken", null);
        String xml = QueryCodec.response("GetMetricData", "ns", result, "rid");
        assertThat(xml).isEqualTo("<GetMetricDataResponse xmlns=\"ns\"><GetMetricDataResult><Timestamps><member>2024-01-01T00:00:00Z</member>"
                + "</Timestamps><Label>a&lt;b</Label></GetMetricDataResult><ResponseMetadata><RequestId>rid</RequestId>"
                + "</ResponseMetadata></GetMetricDataResponse>");
    }

    @Test
    void cbor_whenRoundTripped_keepsTypesAndTimestamps() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("s", "héllo");
        in.put("i", 300_000L);
        in.put("n", -5L);
        in.put("d", 1.5);
        in.put("b", true);
        in.put("t", Instant.parse("2024-05-01T10:00:00.250Z"));
        in.put("l", List.of(1L, "x"));
        in.put("skipped", null);
        Object out = Cbor.decode(Cbor.encode(in));
        Map<String, Object> expected = new LinkedHashMap<>(in);
        expected.remove("skipped");
        assertThat(out).isEqualTo(expected);
    }

    @Test
    void cborEncode_writesDefiniteLengthsShortestIntsAndTimestampsAsTag1Doubles() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("a", 24L);
        in.put("t", Instant.ofEpochSecond(1));
        in.put("x", null);
        // {"a": 24, "t": 1(1.0)}: a map of 2 (the null left out), 24 in one extra byte, tag 1 over a double
        assertThat(Cbor.encode(in)).containsExactly(0xa2, 0x61, 'a', 0x18, 24, 0x61, 't', 0xc1,
                0xfb, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0);
        // a long text stays one definite-length string, as the hand-written codec wrote it
        byte[] longText = Cbor.encode("y".repeat(20_000));
        assertThat(new int[] {longText[0] & 0xff, longText[1] & 0xff, longText[2] & 0xff}).containsExactly(0x79, 0x4e, 0x20);
        assertThat(longText).hasSize(3 + 20_000);
    }

    @Test
    void cborDecode_whenIndefiniteLengthAndHalfFloat_decodes() {
        // {_ "a": [_ 1, 2], "h": 1.5 (half)} per RFC 8949
        byte[] bytes = {(byte) 0xbf, 0x61, 'a', (byte) 0x9f, 0x01, 0x02, (byte) 0xff, 0x61, 'h', (byte) 0xf9, 0x3e, 0x00, (byte) 0xff};
        assertThat(Cbor.decode(bytes)).isEqualTo(Map.of("a", List.of(1L, 2L), "h", 1.5));
        assertThatThrownBy(() -> Cbor.decode(new byte[] {0x62, 'a'})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pages_whenTokenRoundTrips_returnsNextPageAndRejectsForeignTokens() {
        List<Integer> all = List.of(1, 2, 3, 4, 5);
        Pages.Page<Integer> first = Pages.page(all, null, 2, "q", () -> AwsError.validation("bad"));
        assertThat(first.items()).containsExactly(1, 2);
        assertThat(first.nextToken()).isNotNull().isNotEqualTo("2");
        Pages.Page<Integer> second = Pages.page(all, first.nextToken(), 2, "q", () -> AwsError.validation("bad"));
        assertThat(second.items()).containsExactly(3, 4);
        Pages.Page<Integer> last = Pages.page(all, second.nextToken(), 2, "q", () -> AwsError.validation("bad"));
        assertThat(last.items()).containsExactly(5);
        assertThat(last.nextToken()).isNull();
        assertThatThrownBy(() -> Pages.page(all, first.nextToken(), 2, "other-query", () -> AwsError.validation("bad")))
                .isInstanceOf(AwsError.class);
        assertThatThrownBy(() -> Pages.page(all, "%%%", 2, "q", () -> AwsError.validation("bad"))).isInstanceOf(AwsError.class);
    }

    @Test
    void parseDuration_whenShortOrIso_parses() {
        assertThat(Durations.parse("90s").getSeconds()).isEqualTo(90);
        assertThat(Durations.parse("8d").toHours()).isEqualTo(192);
        assertThat(Durations.parse("PT3H").toHours()).isEqualTo(3);
        assertThatThrownBy(() -> Durations.parse("8 days")).isInstanceOf(IllegalArgumentException.class);
    }
}
