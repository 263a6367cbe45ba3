package org.gantry.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why an I/O operation failed, in words. Java's file exceptions often carry only a path as their
 * message ({@code AccessDeniedException: /proc/x}), which told users where but not what went wrong.
 */
public final class IoErrors {
    private IoErrors() {}

    /** The reason alone, e.g. "permission denied (/proc/x)". */
    public static String reason(IOException e) {
        String what;
        if (e instanceof AccessDeniedException) {
            what = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            what = "no such file or directory";
        } else if (e instanceof FileAlreadyExistsException) {
            what = "a file of that name already exists";
        } else if (e instanceof NotDirectoryException) {
            what = "not a directory";
        } else if (e instanceof DirectoryNotEmptyException) {
            what = "directory not empty";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            what = f.getReason();
        } else if (e instanceof FileSystemException) {
            what = e.getClass().getSimpleName().replace("Exception", "");
        } else {
            return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        String file = e instanceof FileSystemException f ? f.getFile() : null;
        String other = e instanceof FileSystemException f ? f.getOtherFile() : null;
        if (file == null) {
            return what;
        }
        return what + " (" + file + (other != null ? " → " + other : "") + ")";
    }

    /** "cannot {@code action}: reason", for a message to the user. */
    public static String describe(String action, IOException e) {
        return "cannot " + action + ": " + reason(e);
    }
}
