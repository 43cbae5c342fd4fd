package dev.sweeper.sandbox.protocol;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of CBOR (RFC 8949) that Smithy RPC v2 uses: maps, arrays, text and byte strings,
 * integers, floats, booleans, null, and tag 1 (epoch-seconds timestamps, decoded to {@link Instant}).
 * Written by hand because the AWS CLI speaks CBOR to CloudWatch and the pom has no CBOR module.
 */
public final class Cbor {
    private Cbor() {
    }

    // ---- decoding ----

    public static Object decode(byte[] data) {
        if (data.length == 0) {
            return new LinkedHashMap<String, Object>();
        }
        Reader r = new Reader(data);
        Object value = r.item();
        if (r.pos != data.length) {
            throw new IllegalArgumentException("trailing bytes after CBOR item");
        }
        return value;
    }

    private static final Object BREAK = new Object();

    private static final class Reader {
        private final byte[] b;
        private int pos;

        public Reader(byte[] b) {
            this.b = b;
        }

        private int u8() {
            if (pos >= b.length) {
                throw new IllegalArgumentException("truncated CBOR");
            }
            return b[pos++] & 0xff;
        }

        private long arg(int info) {
            if (info < 24) {
                return info;
            }
            return switch (info) {
                case 24 -> u8();
                case 25 -> ((long) u8() << 8) | u8();
                case 26 -> ((long) u8() << 24) | ((long) u8() << 16) | ((long) u8() << 8) | u8();
                case 27 -> {
                    long v = 0;
                    for (int i = 0; i < 8; i++) {
                        v = (v << 8) | u8();
                    }
                    yield v;
                }
                case 31 -> -1; // indefinite length
                default -> throw new IllegalArgumentException("bad CBOR additional info " + info);
            };
        }

        public Object item() {
            int head = u8();
            int major = head >>> 5;
            int info = head & 0x1f;
            switch (major) {
                case 0:
                    return arg(info);
                case 1:
                    return -1 - arg(info);
                case 2:
                case 3: {
                    long len = arg(info);
                    byte[] bytes;
                    if (len < 0) {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        while (true) {
                            Object chunk = item();
                            if (chunk == BREAK) {
                                break;
                            }
                            byte[] c = chunk instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) chunk;
                            out.write(c, 0, c.length);
                        }
                        bytes = out.toByteArray();
                    } else {
                        if (len > b.length - pos) {
                            throw new IllegalArgumentException("truncated CBOR string");
                        }
                        bytes = new byte[(int) len];
                        System.arraycopy(b, pos, bytes, 0, (int) len);
                        pos += (int) len;
                    }
                    return major == 3 ? new String(bytes, StandardCharsets.UTF_8) : bytes;
                }
                case 4: {
                    long len = arg(info);
                    List<Object> list = new ArrayList<>();
                    if (len < 0) {
                        for (Object o = item(); o != BREAK; o = item()) {
                            list.add(o);
                        }
                    } else {
                        for (long i = 0; i < len; i++) {
                            list.add(item());
                        }
                    }
                    return list;
                }
                case 5: {
                    long len = arg(info);
                    Map<String, Object> map = new LinkedHashMap<>();
                    if (len < 0) {
                        for (Object k = item(); k != BREAK; k = item()) {
                            map.put(String.valueOf(k), item());
                        }
                    } else {
                        for (long i = 0; i < len; i++) {
                            String k = String.valueOf(item());
                            map.put(k, item());
                        }
                    }
                    return map;
                }
                case 6: {
                    long tag = arg(info);
                    Object inner = item();
                    if (tag == 1 && inner instanceof Number n) {
                        return Instant.ofEpochMilli(Math.round(n.doubleValue() * 1000));
                    }
                    return inner;
                }
                default:
                    return simple(info);
            }
        }

        private Object simple(int info) {
            switch (info) {
                case 20:
                    return Boolean.FALSE;
                case 21:
                    return Boolean.TRUE;
                case 22:
                case 23:
                    return null;
                case 25:
                    return halfToDouble((u8() << 8) | u8());
                case 26:
                    return (double) Float.intBitsToFloat((int) arg(26));
                case 27:
                    return Double.longBitsToDouble(arg(27));
                case 31:
                    return BREAK;
                default:
                    throw new IllegalArgumentException("unsupported CBOR simple value " + info);
            }
        }

        private static double halfToDouble(int h) {
            int exp = (h >> 10) & 0x1f;
            int mant = h & 0x3ff;
            double v = exp == 0 ? mant * Math.pow(2, -24) : exp != 31 ? (mant + 1024) * Math.pow(2, exp - 25) : mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
            return (h & 0x8000) != 0 ? -v : v;
        }
    }

    // ---- encoding ----

    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    private static void head(ByteArrayOutputStream out, int major, long arg) {
        int m = major << 5;
        if (arg < 24) {
            out.write(m | (int) arg);
        } else if (arg < 0x100) {
            out.write(m | 24);
            out.write((int) arg);
        } else if (arg < 0x10000) {
            out.write(m | 25);
            out.write((int) (arg >> 8));
            out.write((int) arg);
        } else if (arg < 0x100000000L) {
            out.write(m | 26);
            for (int s = 24; s >= 0; s -= 8) {
                out.write((int) (arg >> s));
            }
        } else {
            out.write(m | 27);
            for (int s = 56; s >= 0; s -= 8) {
                out.write((int) (arg >> s));
            }
        }
    }

    private static void writeDouble(ByteArrayOutputStream out, double d) {
        out.write(0xfb);
        long bits = Double.doubleToLongBits(d);
        for (int s = 56; s >= 0; s -= 8) {
            out.write((int) (bits >> s));
        }
    }

    @SuppressWarnings("unchecked")
    private static void write(ByteArrayOutputStream out, Object v) {
        if (v == null) {
            out.write(0xf6);
        } else if (v instanceof Boolean bool) {
            out.write(bool ? 0xf5 : 0xf4);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            long l = ((Number) v).longValue();
            if (l >= 0) {
                head(out, 0, l);
            } else {
                head(out, 1, -1 - l);
            }
        } else if (v instanceof Number n) {
            writeDouble(out, n.doubleValue());
        } else if (v instanceof Instant i) {
            head(out, 6, 1);
            writeDouble(out, new BigDecimal(i.toEpochMilli()).movePointLeft(3).doubleValue());
        } else if (v instanceof String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            head(out, 3, bytes.length);
            out.write(bytes, 0, bytes.length);
        } else if (v instanceof byte[] bytes) {
            head(out, 2, bytes.length);
            out.write(bytes, 0, bytes.length);
        } else if (v instanceof List<?> list) {
            head(out, 4, list.size());
            for (Object o : list) {
                write(out, o);
            }
        } else if (v instanceof Map<?, ?> map) {
            Map<String, Object> m = (Map<String, Object>) map;
            long n = m.values().stream().filter(x -> x != null).count();
            head(out, 5, n);
            for (Map.Entry<String, Object> e : m.entrySet()) {
                if (e.getValue() != null) {
                    write(out, e.getKey());
                    write(out, e.getValue());
                }
            }
        } else {
            write(out, v.toString());
        }
    }
}
