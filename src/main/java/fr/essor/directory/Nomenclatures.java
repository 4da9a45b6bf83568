package fr.essor.directory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** INSEE's labels of the activities (NAF rév. 2) and of the legal categories (see {@code directory/NOTICE.md}). */
public final class Nomenclatures {

    private static final Map<String, String> ACTIVITIES = read("directory/codes-NAF.json");
    private static final Map<String, String> CATEGORIES = read("directory/natures-juridiques.json");

    private Nomenclatures() {}

    /** The label of a NAF rév. 2 sub-class ({@code 88.99B}), or {@code null}. */
    public static String activity(String code) {
        return code == null ? null : ACTIVITIES.get(code);
    }

    /** The label of a legal category ({@code 9220}), or {@code null}. */
    public static String category(String code) {
        return code == null ? null : strip(CATEGORIES.get(code));
    }

    public static boolean knownActivity(String code) {
        return ACTIVITIES.containsKey(code);
    }

    public static boolean knownCategory(String code) {
        return CATEGORIES.containsKey(code);
    }

    private static String strip(String label) {
        return label == null ? null : label.strip();
    }

    static Map<String, String> read(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            Map<String, String> map =
                    JsonMapper.builder().build().readValue(in, new TypeReference<LinkedHashMap<String, String>>() {});
            return Collections.unmodifiableMap(map);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + resource, ex);
        }
    }
}
