package dev.sweeper.sandbox.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Smithy RPC v2 CBOR bodies (RFC 8949) to and from the protocol-neutral tree the services read
 * (maps, lists, strings, longs, doubles, booleans, byte arrays, instants), over Jackson's CBOR
 * parser and generator.
 *
 * <p>The shapes follow the protocol: maps and arrays of definite length, null members left out,
 * integers in their shortest form, other numbers as doubles, and timestamps as tag 1 over epoch
 * seconds (a double, milliseconds in the fraction), which decode back to {@link Instant}.
 * https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html
 */
public final class Cbor {
    private static final CBORFactory FACTORY = new CBORFactory();
    /** CBOR tag 1: epoch-based date/time (RFC 8949, section 3.4.2). */
    private static final int EPOCH_TAG = 1;

    private Cbor() {
    }

    // ---- decoding ----

    /**
     * The tree of one CBOR item; an empty body is an empty map.
     *
     * @throws IllegalArgumentException for a body that is not exactly one well-formed CBOR item
     */
    public static Object decode(byte[] data) {
        if (data.length == 0) {
            return new LinkedHashMap<String, Object>();
        }
        try (CBORParser p = FACTORY.createParser(data)) {
            if (p.nextToken() == null) {
                throw new IllegalArgumentException("no CBOR item");
            }
            Object value = item(p);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("trailing bytes after CBOR item");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed CBOR: " + e.getMessage(), e);
        }
    }

    /** The item at the parser's current token. */
    private static Object item(CBORParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    map.put(key, item(p));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(item(p));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT: {
                long v = p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue().longValue() : p.getLongValue();
                return p.getCurrentTag() == EPOCH_TAG ? epoch(v) : (Object) v;
            }
            case VALUE_NUMBER_FLOAT: {
                double v = p.getDoubleValue();
                return p.getCurrentTag() == EPOCH_TAG ? epoch(v) : (Object) v;
            }
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case VALUE_EMBEDDED_OBJECT: {
                Object o = p.getEmbeddedObject();
                return o instanceof byte[] ? o : p.getBinaryValue();
            }
            default:
                throw new IllegalArgumentException("unexpected CBOR token " + t);
        }
    }

    private static Instant epoch(double seconds) {
        return Instant.ofEpochMilli(Math.round(seconds * 1000));
    }

    // ---- encoding ----

    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static void write(CBORGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean bool) {
            g.writeBoolean(bool);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (v instanceof Instant i) {
            g.writeTag(EPOCH_TAG);
            g.writeNumber(new BigDecimal(i.toEpochMilli()).movePointLeft(3).doubleValue());
        } else if (v instanceof String s) {
            writeText(g, s);
        } else if (v instanceof byte[] bytes) {
            g.writeBinary(bytes);
        } else if (v instanceof List<?> list) {
            g.writeStartArray(list, list.size());
            for (Object o : list) {
                write(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            Map<String, Object> m = (Map<String, Object>) map;
            int n = (int) m.values().stream().filter(x -> x != null).count();
            g.writeStartObject(m, n);
            for (Map.Entry<String, Object> e : m.entrySet()) {
                if (e.getValue() != null) {
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
            }
            g.writeEndObject();
        } else {
            writeText(g, v.toString());
        }
    }

    /** Text of definite length whatever its size (Jackson would chunk a long string as an indefinite one). */
    private static void writeText(CBORGenerator g, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        g.writeUTF8String(utf8, 0, utf8.length);
    }
}
