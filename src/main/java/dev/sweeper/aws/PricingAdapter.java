package dev.sweeper.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.AwsPriceList;
import dev.sweeper.core.PriceUsage;
import dev.sweeper.core.PriceUsages;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalDouble;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.pricing.model.Filter;
import software.amazon.awssdk.services.pricing.model.FilterType;
import software.amazon.awssdk.services.pricing.model.GetProductsResponse;

/**
 * AWS's Price List Query API (botocore pricing 2017-10-15: JSON 1.1, target {@code AWSPriceListService.GetProducts}).
 * It answers in us-east-1 (also eu-central-1 and ap-south-1), whatever region is priced. One GetProducts call per
 * usage: service code {@code AmazonSageMaker}, the usage's TERM_MATCH filters (server-side, never the whole service),
 * format {@code aws_v1}. Each PriceList item is a JSON string: {@code product.attributes}, and
 * {@code terms.OnDemand.<offer>.priceDimensions.<rate>.pricePerUnit.USD}; the first on-demand USD price of the first
 * product is the usage's (its filters select one product).
 */
final class PricingAdapter implements AwsPriceList {
    /** Where the Price List Query API answers (https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/using-price-list-query-api.html). */
    static final String REGION = "us-east-1";

    private final PricingClient pricing;
    private final ObjectMapper json = new ObjectMapper();

    PricingAdapter(PricingClient pricing) {
        this.pricing = pricing;
    }

    @Override
    public OptionalDouble onDemandUsd(PriceUsage usage) {
        List<Filter> filters = usage.filters().stream().map(t -> Filter.builder().type(FilterType.TERM_MATCH)
                .field(t.field()).value(t.value()).build()).toList();
        GetProductsResponse page;
        try {
            page = pricing.getProducts(b -> b.serviceCode(PriceUsages.SERVICE_CODE).filters(filters)
                    .formatVersion("aws_v1").maxResults(10));
        } catch (SdkException e) {
            throw Errors.translate("GetProducts", e);
        }
        for (String item : page.priceList()) {
            OptionalDouble usd = onDemandUsd(item);
            if (usd.isPresent()) {
                return usd;
            }
        }
        return OptionalDouble.empty();
    }

    /** The first on-demand USD price of one PriceList item; empty when it has none or cannot be read. */
    OptionalDouble onDemandUsd(String item) {
        JsonNode product;
        try {
            product = json.readTree(item);
        } catch (IOException e) {
            throw new AwsCallException("GetProducts", null, "a PriceList item is not JSON: " + e.getMessage(), false, e);
        }
        for (JsonNode offer : iterable(product.path("terms").path("OnDemand").elements())) {
            for (JsonNode dimension : iterable(offer.path("priceDimensions").elements())) {
                JsonNode usd = dimension.path("pricePerUnit").path("USD");
                if (usd.isTextual()) {
                    try {
                        return OptionalDouble.of(Double.parseDouble(usd.asText()));
                    } catch (NumberFormatException e) {
                        // not a price: look further
                    }
                }
            }
        }
        return OptionalDouble.empty();
    }

    private static <T> Iterable<T> iterable(Iterator<T> it) {
        return () -> it;
    }
}
