package dev.mlbench.core.util;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * One line that names the path and the reason of a failed file operation. NIO's exceptions often carry only
 * the path as their message ({@code README.md}), which tells a user nothing.
 */
public final class IoErrors {

    private IoErrors() {
    }

    /** The reason and path of the first file-system failure in {@code e}'s causes, else its message. */
    public static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException f) {
                String what = switch (f) {
                    case AccessDeniedException a -> "permission denied";
                    case NoSuchFileException n -> "no such file or folder";
                    case FileAlreadyExistsException x -> "already exists";
                    case NotDirectoryException d -> "not a folder";
                    case DirectoryNotEmptyException d -> "folder not empty";
                    default -> f.getReason() == null ? f.getClass().getSimpleName() : f.getReason();
                };
                String path = f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile());
                return what + ": " + path;
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
