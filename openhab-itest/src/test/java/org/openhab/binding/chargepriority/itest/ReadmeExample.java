package org.openhab.binding.chargepriority.itest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The model files and channel tables of the project's README, as a user copies them. */
final class ReadmeExample {

    /** One row of a channel table: the Thing types it belongs to, the channel id and its item type. */
    record Channel(List<String> thingTypes, String id, String itemType) {
    }

    private final String text;

    ReadmeExample(Path readme) throws IOException {
        text = Files.readString(readme);
    }

    /** The code block under the heading that names this file, e.g. {@code chargepriority.things}. */
    String file(String name) {
        Matcher m = Pattern.compile("### `" + Pattern.quote(name) + "`[^\\n]*\\n+```[a-z]*\\n(.*?)```", Pattern.DOTALL)
                .matcher(text);
        if (!m.find()) {
            throw new AssertionError("the README has no example " + name);
        }
        return m.group(1);
    }

    /** Every row of the "Channels" tables, with the Thing types the table's heading names. */
    List<Channel> channels() {
        List<Channel> result = new ArrayList<>();
        String section = text.substring(text.indexOf("\n## Channels"), text.indexOf("\n## Full Example"));
        Matcher heading = Pattern.compile("\\n### (.*)\\n").matcher(section);
        Map<Integer, List<String>> starts = new LinkedHashMap<>();
        while (heading.find()) {
            List<String> types = new ArrayList<>();
            Matcher type = Pattern.compile("`([a-z]+)`").matcher(heading.group(1));
            while (type.find()) {
                types.add(type.group(1));
            }
            starts.put(heading.end(), types);
        }
        List<Integer> offsets = new ArrayList<>(starts.keySet());
        for (int i = 0; i < offsets.size(); i++) {
            int end = i + 1 < offsets.size() ? offsets.get(i + 1) : section.length();
            Matcher row = Pattern.compile("\\n\\| `([a-z-]+#[a-z-]+)` +\\| ([A-Za-z:]+) +\\|")
                    .matcher(section.substring(offsets.get(i), end));
            while (row.find()) {
                result.add(new Channel(starts.get(offsets.get(i)), row.group(1), row.group(2)));
            }
        }
        return result;
    }
}
