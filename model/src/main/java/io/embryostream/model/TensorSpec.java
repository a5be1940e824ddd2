package io.embryostream.model;

import java.util.List;

/** One graph input or output as model.json names it; symbolic dimensions ("N", "W") are strings. */
public record TensorSpec(String name, List<String> shape, String type) {

    /** The fixed size of dimension {@code i}, or -1 where it is symbolic. */
    public int fixedDim(int i) {
        String d = shape.get(i);
        return d.chars().allMatch(Character::isDigit) ? Integer.parseInt(d) : -1;
    }
}
