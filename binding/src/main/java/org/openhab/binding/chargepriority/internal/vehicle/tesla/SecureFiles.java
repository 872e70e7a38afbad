package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Private files: token folders 0700, files 0600, replaced atomically (temp file in the same folder, forced to disk,
 * then moved over the old one) so a crash never leaves half a token file. On file systems without POSIX permissions the
 * files are still written atomically.
 */
@NonNullByDefault
public final class SecureFiles {

    static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");

    private SecureFiles() {
    }

    /** Creates the folder (and parents) if needed and makes it 0700. */
    static void ensurePrivateDirectory(Path dir) throws IOException {
        if (isPosix(dir)) {
            if (!Files.isDirectory(dir)) {
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS));
                } catch (FileAlreadyExistsException e) {
                    // created by someone else in between: tighten it below
                }
            }
            Files.setPosixFilePermissions(dir, DIRECTORY_PERMISSIONS);
        } else {
            Files.createDirectories(dir);
        }
    }

    /**
     * Writes {@code content} to {@code target} with mode 0600, replacing it atomically. The folder is created when
     * missing but its permissions are left alone (see {@link #ensurePrivateDirectory}).
     */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null) {
            throw new IOException("No parent folder for " + target);
        }
        Files.createDirectories(dir);
        boolean posix = isPosix(dir);
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS) }
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attributes);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (posix) {
                Files.setPosixFilePermissions(target, FILE_PERMISSIONS);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
