package dev.sweeper.core.kinds;

import java.util.List;

/**
 * Where a kind writes its JSON fields ({@link KindDefinition#json}): the report's JSON writer implements it, so core
 * needs no JSON library. A null value writes a JSON null.
 */
public interface Fields {
    Fields field(String name, String value);

    Fields field(String name, Boolean value);

    Fields field(String name, Integer value);

    Fields nullField(String name);

    Fields strings(String name, List<String> values);

    Fields startObject();

    Fields startObject(String name);

    Fields endObject();

    Fields startArray(String name);

    Fields endArray();
}
