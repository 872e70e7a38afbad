package org.openhab.binding.chargepriority.internal.standalone;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Writes changed settings into {@code conf/chargepriority.cfg} in place of Felix FileInstall's write-back, which
 * rewrites the file in place: its own poller could read the half-written file and load it as an empty
 * configuration (the runtime fell back to the defaults and the next write-back wiped every key, secrets included),
 * and a crash during the write left a truncated file. Here the file is written beside it, flushed to disk and renamed
 * over it, so a reader or a crash sees the old file or the new one, never a part. Comments, order, other keys and
 * the file's permissions stay as they were; a key that is not in the file yet is appended.
 */
@NonNullByDefault
final class ConfigFile {

    private ConfigFile() {
    }

    static void update(Path file, Map<String, String> values) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        Map<String, String> missing = new LinkedHashMap<>(values);
        for (int i = 0; i < lines.size(); i++) {
            for (Map.Entry<String, String> e : values.entrySet()) {
                if (keyLine(e.getKey()).matcher(lines.get(i)).matches()) {
                    lines.set(i, e.getKey() + "=" + e.getValue());
                    missing.remove(e.getKey());
                }
            }
        }
        missing.forEach((key, value) -> lines.add(key + "=" + value));
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));

        // Not matched by FileInstall's filter (*.cfg), so it never loads the temporary file.
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null) {
                Files.setPosixFilePermissions(tmp, posix.readAttributes().permissions());
            }
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Pattern keyLine(String key) {
        return Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:].*$");
    }
}
