package com.voxclone.platform.entity;

/**
 * How deeply a JSON text nests objects and arrays, counted before it is parsed: the JSON parser gives up past 1,000
 * levels with an error that is not a JSON error, and no body or message of VoxClone needs more than a few levels.
 */
public final class JsonDepth {

    /** The deepest nesting accepted from clients: room for any client's habits. */
    public static final int MAX = 64;

    private JsonDepth() {
    }

    /** The deepest nesting in {@code json}, brackets inside strings not counted. */
    public static int of(CharSequence json) {
        int depth = 0, deepest = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return deepest;
    }

    public static boolean tooDeep(CharSequence json) {
        return of(json) > MAX;
    }
}
