package dev.sweeper.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * Streams one pretty-printed JSON document, fields in the order written, nulls written as null.
 * A generator (rather than serialising records) keeps the field order and names under our
 * control: scripts depend on them.
 */
final class Json implements AutoCloseable {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonGenerator gen;
    private final PrintWriter out;

    private Json(JsonGenerator gen, PrintWriter out) {
        this.gen = gen;
        this.out = out;
    }

    static Json open(PrintWriter out) {
        try {
            JsonGenerator gen = FACTORY.createGenerator(out);
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            gen.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            Separators separators = Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator("");
            gen.setPrettyPrinter(new DefaultPrettyPrinter(separators)
                    .withObjectIndenter(indenter)
                    .withArrayIndenter(indenter));
            return new Json(gen, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the document with a line break and flushes; the writer stays open. */
    @Override
    public void close() {
        run(() -> {
            gen.close();
            out.print('\n');
            out.flush();
        });
    }

    Json startObject() {
        return run(gen::writeStartObject);
    }

    Json startObject(String name) {
        return run(() -> gen.writeObjectFieldStart(name));
    }

    Json endObject() {
        return run(gen::writeEndObject);
    }

    Json startArray(String name) {
        return run(() -> gen.writeArrayFieldStart(name));
    }

    Json startArray() {
        return run(gen::writeStartArray);
    }

    Json endArray() {
        return run(gen::writeEndArray);
    }

    Json field(String name, String value) {
        return run(() -> gen.writeStringField(name, value));
    }

    Json field(String name, Boolean value) {
        return nullable(name, value, () -> gen.writeBoolean(value));
    }

    Json field(String name, Integer value) {
        return nullable(name, value, () -> gen.writeNumber(value));
    }

    Json field(String name, Long value) {
        return nullable(name, value, () -> gen.writeNumber(value));
    }

    Json field(String name, BigDecimal value) {
        return nullable(name, value, () -> gen.writeNumber(value));
    }

    /** Writes the field name, then null or the value: the contract keeps null fields, never omits them. */
    private Json nullable(String name, Object value, Step write) {
        return run(() -> {
            gen.writeFieldName(name);
            if (value == null) {
                gen.writeNull();
            } else {
                write.run();
            }
        });
    }

    /** A dollar amount, rounded once; null stays null. */
    Json money(String name, Double dollars) {
        return field(name, dollars == null ? null : Formats.number(dollars));
    }

    Json nullField(String name) {
        return run(() -> gen.writeNullField(name));
    }

    Json strings(String name, List<String> values) {
        return run(() -> {
            gen.writeArrayFieldStart(name);
            for (String v : values) {
                gen.writeString(v);
            }
            gen.writeEndArray();
        });
    }

    Json value(String value) {
        return run(() -> gen.writeString(value));
    }

    private interface Step {
        void run() throws IOException;
    }

    private Json run(Step step) {
        try {
            step.run();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
