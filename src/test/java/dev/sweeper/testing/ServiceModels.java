package dev.sweeper.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * AWS's own definition of its APIs: the service models botocore ships
 * ({@code botocore/data/<service>/<version>/service-2.json.gz}), read from the machine's Python when
 * it has botocore. Checks a response body, as sent on the wire, against the output shape of its
 * operation: every member known, every required member present, every enum value one the model
 * lists, numbers within their bounds, lists and maps of the right shapes. Errors are checked against
 * the error shapes the service defines and the errors common to every AWS API.
 */
public final class ServiceModels {
    /**
     * Errors every AWS API can answer without the service model listing them
     * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CommonErrors.html and the
     * same page of every Query and JSON service).
     */
    static final Set<String> COMMON_ERRORS = Set.of("AccessDeniedException", "AccessDenied", "IncompleteSignature",
            "InternalFailure", "InvalidAction", "InvalidClientTokenId", "InvalidParameterCombination",
            "InvalidParameterValue", "InvalidQueryParameter", "MalformedQueryString", "MissingAction",
            "MissingAuthenticationToken", "MissingParameter", "NotAuthorized", "OptInRequired", "RequestExpired",
            "ServiceUnavailable", "ThrottlingException", "Throttling", "ValidationError", "ValidationException",
            "UnrecognizedClientException", "ExpiredTokenException", "SerializationException",
            "UnknownOperationException", "InternalServerError");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> MODEL_DIR = Map.ofEntries(
            Map.entry("SageMaker", "sagemaker"), Map.entry("CloudWatch", "cloudwatch"), Map.entry("SNS", "sns"),
            Map.entry("Sns", "sns"), Map.entry("STS", "sts"), Map.entry("Sts", "sts"),
            Map.entry("CloudWatchLogs", "logs"), Map.entry("ResourceGroupsTaggingApi", "resourcegroupstaggingapi"),
            Map.entry("ResourceGroupsTaggingAPI", "resourcegroupstaggingapi"),
            Map.entry("Organizations", "organizations"), Map.entry("Pricing", "pricing"));

    private final Path dataDir;
    private final Map<String, JsonNode> models = new HashMap<>();

    private ServiceModels(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** botocore's data directory on this machine, if its Python has botocore. */
    public static Optional<ServiceModels> find() {
        String configured = System.getenv("BOTOCORE_DATA");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Optional.of(new ServiceModels(Path.of(configured)));
        }
        try {
            Process p = new ProcessBuilder("python3", "-c",
                    "import botocore,os;print(os.path.join(os.path.dirname(botocore.__file__),'data'))")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.isDirectory(Path.of(out))) {
                return Optional.of(new ServiceModels(Path.of(out)));
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    /** The model of a service, by the SDK's service name (SageMaker, CloudWatch, SNS, ...). */
    public JsonNode model(String sdkService) {
        String dir = MODEL_DIR.get(sdkService);
        if (dir == null) {
            throw new IllegalArgumentException("no botocore model known for SDK service " + sdkService);
        }
        return models.computeIfAbsent(dir, d -> {
            try (Stream<Path> versions = Files.list(dataDir.resolve(d))) {
                Path newest = versions.filter(Files::isDirectory).max(Comparator.comparing(Path::toString))
                        .orElseThrow();
                try (InputStream in = new GZIPInputStream(Files.newInputStream(newest.resolve("service-2.json.gz")))) {
                    return JSON.readTree(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Whether the service's model defines that operation. */
    public boolean hasOperation(String sdkService, String operation) {
        return model(sdkService).path("operations").has(operation);
    }

    /** What is wrong with a 2xx body of that operation, one line each; empty when it matches the model. */
    public List<String> checkOutput(String sdkService, String operation, String contentType, byte[] body) {
        JsonNode model = model(sdkService);
        JsonNode op = model.path("operations").path(operation);
        List<String> problems = new ArrayList<>();
        if (op.isMissingNode()) {
            problems.add(operation + ": not an operation of " + sdkService);
            return problems;
        }
        String output = op.path("output").path("shape").asText(null);
        if (isXml(contentType, body)) {
            Element root = xml(body, problems);
            if (root == null) {
                return problems;
            }
            if (!root.getLocalName().equals(operation + "Response")) {
                problems.add(operation + ": root element " + root.getLocalName() + ", not " + operation + "Response");
            }
            if (output != null) {
                String wrapper = op.path("output").path("resultWrapper").asText(operation + "Result");
                Element result = child(root, wrapper);
                if (result == null) {
                    problems.add(operation + ": no <" + wrapper + "> element");
                } else {
                    checkXml(model, output, result, operation, problems);
                }
            }
        } else {
            if (output == null) {
                return problems;
            }
            JsonNode tree;
            try {
                tree = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (IOException e) {
                problems.add(operation + ": body is not JSON: " + e.getMessage());
                return problems;
            }
            checkJson(model, output, tree, operation, problems);
        }
        return problems;
    }

    /** What is wrong with an error body: its code must be one the service or every AWS API defines. */
    public List<String> checkError(String sdkService, String operation, int status, String contentType, byte[] body) {
        JsonNode model = model(sdkService);
        List<String> problems = new ArrayList<>();
        String code;
        if (isXml(contentType, body)) {
            Element root = xml(body, problems);
            if (root == null) {
                return problems;
            }
            Element error = child(root, "Error");
            Element codeElement = error == null ? null : child(error, "Code");
            if (!root.getLocalName().equals("ErrorResponse") || codeElement == null) {
                problems.add(operation + " error: not <ErrorResponse><Error><Code>");
                return problems;
            }
            code = codeElement.getTextContent().strip();
        } else {
            JsonNode tree;
            try {
                tree = JSON.readTree(body);
            } catch (IOException e) {
                problems.add(operation + " error: body is not JSON");
                return problems;
            }
            code = tree.path("__type").asText("");
            code = code.substring(code.indexOf('#') + 1);
        }
        if (!errorCodes(model).contains(code) && !COMMON_ERRORS.contains(code)) {
            problems.add(operation + " error " + status + ": code '" + code + "' is neither an error of "
                    + sdkService + "'s model nor a common AWS error");
        }
        return problems;
    }

    private static Set<String> errorCodes(JsonNode model) {
        Set<String> codes = new HashSet<>();
        model.path("shapes").fields().forEachRemaining(e -> {
            if (e.getValue().path("exception").asBoolean(false)) {
                codes.add(e.getKey());
                String code = e.getValue().path("error").path("code").asText(null);
                if (code != null) {
                    codes.add(code);
                }
            }
        });
        return codes;
    }

    /**
     * Services that offer several protocols (CloudWatch: RPC v2 CBOR, JSON 1.0 and Query) are
     * answered in the one the client spoke; the content type tells which.
     */
    private static boolean isXml(String contentType, byte[] body) {
        return contentType.contains("xml") || (body.length > 0 && body[0] == '<');
    }

    // ---- JSON protocols (awsJson1_0, awsJson1_1) ----

    private void checkJson(JsonNode model, String shapeName, JsonNode value, String path, List<String> problems) {
        JsonNode shape = model.path("shapes").path(shapeName);
        String type = shape.path("type").asText();
        switch (type) {
            case "structure" -> {
                if (!value.isObject()) {
                    problems.add(path + ": expected an object (" + shapeName + "), got " + value.getNodeType());
                    return;
                }
                JsonNode members = shape.path("members");
                Map<String, String> byWireName = new HashMap<>();
                members.fields().forEachRemaining(m -> byWireName.put(
                        m.getValue().path("jsonName").asText(m.getValue().path("locationName").asText(m.getKey())),
                        m.getKey()));
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String member = byWireName.get(field.getKey());
                    if (member == null) {
                        problems.add(path + "." + field.getKey() + ": not a member of " + shapeName);
                    } else if (!field.getValue().isNull()) {
                        checkJson(model, members.path(member).path("shape").asText(), field.getValue(),
                                path + "." + field.getKey(), problems);
                    }
                }
                for (JsonNode required : shape.path("required")) {
                    JsonNode m = members.path(required.asText());
                    String wire = m.path("jsonName").asText(m.path("locationName").asText(required.asText()));
                    if (!value.has(wire) || value.get(wire).isNull()) {
                        problems.add(path + ": required member " + required.asText() + " of " + shapeName + " missing");
                    }
                }
            }
            case "list" -> {
                if (!value.isArray()) {
                    problems.add(path + ": expected a list (" + shapeName + ")");
                    return;
                }
                checkCount(shape, value.size(), path, problems);
                int i = 0;
                for (JsonNode item : value) {
                    checkJson(model, shape.path("member").path("shape").asText(), item, path + "[" + i++ + "]", problems);
                }
            }
            case "map" -> {
                if (!value.isObject()) {
                    problems.add(path + ": expected a map (" + shapeName + ")");
                    return;
                }
                value.fields().forEachRemaining(e -> {
                    checkScalar(model, shape.path("key").path("shape").asText(), e.getKey(), path + "{key}", problems);
                    checkJson(model, shape.path("value").path("shape").asText(), e.getValue(),
                            path + "{" + e.getKey() + "}", problems);
                });
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(path + ": expected a string (" + shapeName + "), got " + value.getNodeType());
                    return;
                }
                checkScalar(model, shapeName, value.asText(), path, problems);
            }
            case "integer", "long" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(path + ": expected an integer (" + shapeName + "), got " + value);
                    return;
                }
                checkRange(shape, value.asDouble(), path, problems);
            }
            case "double", "float" -> {
                if (!value.isNumber()) {
                    problems.add(path + ": expected a number (" + shapeName + "), got " + value);
                    return;
                }
                checkRange(shape, value.asDouble(), path, problems);
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(path + ": expected a boolean (" + shapeName + "), got " + value);
                }
            }
            case "timestamp" -> {
                // JSON protocols send epoch seconds unless the shape says otherwise.
                String format = shape.path("timestampFormat").asText("unixTimestamp");
                if (format.equals("unixTimestamp") ? !value.isNumber() : !value.isTextual()) {
                    problems.add(path + ": timestamp (" + shapeName + ") in the wrong form: " + value);
                }
            }
            case "blob" -> {
                if (!value.isTextual()) {
                    problems.add(path + ": expected base64 text (" + shapeName + ")");
                }
            }
            default -> problems.add(path + ": unknown shape type '" + type + "' of " + shapeName);
        }
    }

    // ---- Query protocol (XML responses) ----

    private void checkXml(JsonNode model, String shapeName, Element element, String path, List<String> problems) {
        JsonNode shape = model.path("shapes").path(shapeName);
        String type = shape.path("type").asText();
        switch (type) {
            case "structure" -> {
                JsonNode members = shape.path("members");
                Map<String, String> byWireName = new HashMap<>();
                members.fields().forEachRemaining(m -> byWireName.put(
                        m.getValue().path("locationName").asText(m.getKey()), m.getKey()));
                Set<String> seen = new HashSet<>();
                for (Element child : children(element)) {
                    String member = byWireName.get(child.getLocalName());
                    if (member == null) {
                        problems.add(path + "." + child.getLocalName() + ": not a member of " + shapeName);
                    } else {
                        seen.add(member);
                        checkXml(model, members.path(member).path("shape").asText(), child,
                                path + "." + child.getLocalName(), problems);
                    }
                }
                for (JsonNode required : shape.path("required")) {
                    if (!seen.contains(required.asText())) {
                        problems.add(path + ": required member " + required.asText() + " of " + shapeName + " missing");
                    }
                }
            }
            case "list" -> {
                String itemName = shape.path("member").path("locationName").asText("member");
                List<Element> items = children(element);
                checkCount(shape, items.size(), path, problems);
                for (Element item : items) {
                    if (!item.getLocalName().equals(itemName)) {
                        problems.add(path + ": list item <" + item.getLocalName() + ">, expected <" + itemName + ">");
                    }
                    checkXml(model, shape.path("member").path("shape").asText(), item, path + "[]", problems);
                }
            }
            case "map" -> {
                for (Element entry : children(element)) {
                    Element key = child(entry, shape.path("key").path("locationName").asText("key"));
                    Element value = child(entry, shape.path("value").path("locationName").asText("value"));
                    if (key == null || value == null) {
                        problems.add(path + ": map entry without key or value");
                        continue;
                    }
                    checkXml(model, shape.path("value").path("shape").asText(), value, path + "{}", problems);
                }
            }
            case "string" -> checkScalar(model, shapeName, element.getTextContent(), path, problems);
            case "integer", "long", "double", "float" -> {
                try {
                    checkRange(shape, Double.parseDouble(element.getTextContent().strip()), path, problems);
                } catch (NumberFormatException e) {
                    problems.add(path + ": not a number: " + element.getTextContent());
                }
            }
            case "boolean" -> {
                String text = element.getTextContent().strip();
                if (!text.equals("true") && !text.equals("false")) {
                    problems.add(path + ": not a boolean: " + text);
                }
            }
            case "timestamp" -> {
                try {
                    java.time.Instant.parse(element.getTextContent().strip());
                } catch (java.time.format.DateTimeParseException e) {
                    problems.add(path + ": not an ISO-8601 timestamp: " + element.getTextContent());
                }
            }
            case "blob" -> { }
            default -> problems.add(path + ": unknown shape type '" + type + "' of " + shapeName);
        }
    }

    private static void checkScalar(JsonNode model, String shapeName, String value, String path, List<String> problems) {
        JsonNode shape = model.path("shapes").path(shapeName);
        JsonNode values = shape.path("enum");
        if (values.isArray()) {
            boolean known = false;
            for (JsonNode v : values) {
                known |= v.asText().equals(value);
            }
            if (!known) {
                problems.add(path + ": '" + value + "' is not a value of enum " + shapeName);
            }
        }
        int length = value.codePointCount(0, value.length());
        if (shape.has("min") && length < shape.get("min").asInt()) {
            problems.add(path + ": '" + value + "' shorter than " + shapeName + "'s minimum " + shape.get("min"));
        }
        if (shape.has("max") && length > shape.get("max").asInt()) {
            problems.add(path + ": longer than " + shapeName + "'s maximum " + shape.get("max"));
        }
    }

    private static void checkRange(JsonNode shape, double value, String path, List<String> problems) {
        if (shape.has("min") && value < shape.get("min").asDouble()) {
            problems.add(path + ": " + value + " below the minimum " + shape.get("min"));
        }
        if (shape.has("max") && value > shape.get("max").asDouble()) {
            problems.add(path + ": " + value + " above the maximum " + shape.get("max"));
        }
    }

    private static void checkCount(JsonNode shape, int size, String path, List<String> problems) {
        if (shape.has("max") && size > shape.get("max").asInt()) {
            problems.add(path + ": " + size + " items, more than the maximum " + shape.get("max"));
        }
    }

    private static Element xml(byte[] body, List<String> problems) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
            return doc.getDocumentElement();
        } catch (Exception e) {
            problems.add("body is not XML: " + e.getMessage());
            return null;
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element child(Element parent, String name) {
        for (Element e : children(parent)) {
            if (e.getLocalName().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
