package com.voxclone.engine.chatterbox.control;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The paralinguistic tags of Chatterbox Turbo, written in the text in square brackets ({@code "That's it! [laugh]"}).
 * Each is one token of its tokenizer (ids 50257-50275). Resemble AI advertises the sound events
 * {@link #ADVERTISED}; the tokenizer also holds ten style tags whose effect is not documented. Any other bracketed word
 * is refused, naming it, rather than read aloud letter by letter.
 */
public final class TurboTags {

    /** The sound events Resemble AI documents. */
    public static final List<String> ADVERTISED = List.of("[clear throat]", "[sigh]", "[shush]", "[cough]", "[groan]",
            "[sniff]", "[gasp]", "[chuckle]", "[laugh]");
    /** Every tag of the tokenizer, in id order (50257 on). */
    public static final List<String> ALL = List.of("[angry]", "[fear]", "[surprised]", "[whispering]", "[advertisement]",
            "[dramatic]", "[narration]", "[crying]", "[happy]", "[sarcastic]", "[clear throat]", "[sigh]", "[shush]",
            "[cough]", "[groan]", "[sniff]", "[gasp]", "[chuckle]", "[laugh]");

    private static final Pattern BRACKETED = Pattern.compile("\\[[^\\[\\]]*\\]");

    private TurboTags() {
    }

    /** @throws IllegalArgumentException naming every bracketed word that is not one of the tags */
    public static void requireKnown(String text) {
        Set<String> unknown = new LinkedHashSet<>();
        Matcher m = BRACKETED.matcher(text);
        while (m.find()) {
            if (!ALL.contains(m.group())) {
                unknown.add(m.group());
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Chatterbox Turbo does not know the tag" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; it knows " + String.join(" ", ADVERTISED) + " (sound events) and "
                    + String.join(" ", ALL.subList(0, 10)) + " (styles)");
        }
    }
}
