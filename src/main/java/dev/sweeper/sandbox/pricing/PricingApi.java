package dev.sweeper.sandbox.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweeper.sandbox.protocol.AwsError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * AWS's Price List Query API, GetProducts only, as botocore's pricing 2017-10-15 model defines it: JSON 1.1, target
 * {@code AWSPriceListService.GetProducts}; {@code ServiceCode} required; {@code Filters} of {@code Type} (enum
 * TERM_MATCH, EQUALS, CONTAINS, ANY_OF, NONE_OF), {@code Field}, {@code Value}, all required, a product matching every
 * filter; {@code FormatVersion} {@code aws_v1}; {@code MaxResults} 1..100; {@code NextToken}. The answer is
 * {@code FormatVersion}, {@code PriceList} (each product a JSON string: the model's {@code jsonvalue} list) and
 * {@code NextToken} while more remain. A bad parameter is InvalidParameterException, the one the model lists for it.
 *
 * <p>Field names are matched case-insensitively and values exactly, as TERM_MATCH is documented ("Returns only
 * products that match both the given filter field and the given value"); {@code ServiceCode} as a field matches
 * the product's service code. The products are the records of {@code sagemaker-price-list.json} (AWS's
 * {@code aws_v1} format, for the sample fleet's usages; see the README beside it). Errors as the model lists them:
 * InvalidParameterException for a bad filter or MaxResults, NotFoundException for an unknown service code,
 * InvalidNextTokenException.
 */
public final class PricingApi {
    public static final String TARGET_PREFIX = "AWSPriceListService.";
    private static final String RESOURCE = "/dev/sweeper/sandbox/pricing/sagemaker-price-list.json";
    private static final Set<String> TYPES = Set.of("TERM_MATCH", "EQUALS", "CONTAINS", "ANY_OF", "NONE_OF");
    private static final int DEFAULT_PAGE = 100;

    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> products;

    /** The bundled fixture. */
    public static PricingApi bundled() {
        try (InputStream in = PricingApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " on the classpath");
            }
            JsonNode all = new ObjectMapper().readTree(in);
            List<JsonNode> list = new ArrayList<>();
            all.forEach(list::add);
            return new PricingApi(list);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public PricingApi(List<JsonNode> products) {
        this.products = List.copyOf(products);
    }

    public ObjectNode handle(String operation, JsonNode in) {
        if (!"GetProducts".equals(operation)) {
            throw new AwsError("UnknownOperationException", 400, "The sandbox does not implement Pricing." + operation);
        }
        String service = in.path("ServiceCode").asText(null);
        if (service == null || service.isEmpty()) {
            throw new AwsError("InvalidParameterException", 400,
                    "1 validation error detected: Value null at 'serviceCode' failed to satisfy constraint: Member must not be null");
        }
        String format = in.path("FormatVersion").asText("aws_v1");
        if (!"aws_v1".equals(format)) {
            throw new AwsError("InvalidParameterException", 400, "Invalid FormatVersion: " + format);
        }
        int max = DEFAULT_PAGE;
        if (in.has("MaxResults")) {
            max = in.path("MaxResults").asInt(-1);
            if (max < 1 || max > 100) {
                throw new AwsError("InvalidParameterException", 400, "MaxResults must be between 1 and 100");
            }
        }
        List<Filter> filters = new ArrayList<>();
        for (JsonNode f : in.path("Filters")) {
            String type = f.path("Type").asText(null);
            String field = f.path("Field").asText(null);
            String value = f.path("Value").asText(null);
            if (type == null || field == null || value == null) {
                throw new AwsError("InvalidParameterException", 400, "A filter needs Type, Field and Value");
            }
            if (!TYPES.contains(type)) {
                throw new AwsError("InvalidParameterException", 400, "1 validation error detected: Value '" + type
                        + "' at 'filters.member.type' failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[TERM_MATCH, EQUALS, CONTAINS, ANY_OF, NONE_OF]");
            }
            filters.add(new Filter(type, field, value));
        }
        List<JsonNode> ofService = products.stream()
                .filter(p -> service.equals(p.path("serviceCode").asText())).toList();
        if (ofService.isEmpty()) {
            throw new AwsError("NotFoundException", 400, "Service code " + service + " not found");
        }
        List<JsonNode> matched = ofService.stream().filter(p -> filters.stream().allMatch(f -> f.matches(p))).toList();
        int start = 0;
        String token = in.path("NextToken").asText(null);
        if (token != null) {
            try {
                start = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                start = -1;
            }
            if (start < 0 || start > matched.size()) {
                throw new AwsError("InvalidNextTokenException", 400, "The NextToken is not valid");
            }
        }
        int end = Math.min(matched.size(), start + max);
        ObjectNode out = json.createObjectNode();
        out.put("FormatVersion", "aws_v1");
        ArrayNode list = out.putArray("PriceList");
        for (JsonNode p : matched.subList(start, end)) {
            try {
                list.add(json.writeValueAsString(p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (end < matched.size()) {
            out.put("NextToken", String.valueOf(end));
        }
        return out;
    }

    private record Filter(String type, String field, String value) {
        boolean matches(JsonNode product) {
            String actual = "servicecode".equalsIgnoreCase(field) ? product.path("serviceCode").asText(null)
                    : attribute(product.path("product").path("attributes"), field);
            return switch (type) {
                case "TERM_MATCH", "EQUALS" -> value.equals(actual);
                case "CONTAINS" -> actual != null && actual.contains(value);
                case "ANY_OF" -> actual != null && Arrays.stream(value.split(",")).map(String::trim).anyMatch(actual::equals);
                case "NONE_OF" -> actual == null || Arrays.stream(value.split(",")).map(String::trim).noneMatch(actual::equals);
                default -> false;
            };
        }

        private static String attribute(JsonNode attributes, String name) {
            var it = attributes.fieldNames();
            while (it.hasNext()) {
                String n = it.next();
                if (n.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return attributes.get(n).asText(null);
                }
            }
            return null;
        }
    }
}
