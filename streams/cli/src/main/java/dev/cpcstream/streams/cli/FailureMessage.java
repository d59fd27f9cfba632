package dev.cpcstream.streams.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The one line a failed command prints: what is wrong and what to do. Exceptions whose message is only a path (as
 * java.nio's are) get the problem and the remedy spelled out.
 */
final class FailureMessage {

    private FailureMessage() {
    }

    /**
     * The exception's own message, and the root cause's when it says something more. Without a message the failure
     * is a bug, and {@link #isBug} tells the caller to show the stack trace.
     */
    static String of(Throwable e) {
        FileSystemException fileProblem = fileProblem(e);
        if (fileProblem != null && saysNoMore(e, fileProblem)) {
            return describe(fileProblem);
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? unexpected(e) : e.getMessage();
        if (root == e || root.getMessage() == null || message.contains(root.getMessage())) {
            return message;
        }
        String cause = root instanceof FileSystemException f ? describe(f) : root.getMessage();
        return message + " (cause: " + cause + ")";
    }

    /** A wrapper (UncheckedIOException, say) whose message is only its file exception's own. */
    private static boolean saysNoMore(Throwable e, FileSystemException f) {
        String message = String.valueOf(e.getMessage());
        return message.equals(f.getMessage()) || message.equals(f.toString());
    }

    static boolean isBug(Throwable e) {
        return e.getMessage() == null && fileProblem(e) == null;
    }

    private static FileSystemException fileProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException f) {
                return f;
            }
        }
        return null;
    }

    private static String describe(FileSystemException f) {
        String file = f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile());
        if (f.getReason() != null) {
            return file + ": " + f.getReason();
        }
        if (f instanceof NoSuchFileException) {
            return file + ": no such file or directory; check the path";
        }
        if (f instanceof AccessDeniedException) {
            return file + ": permission denied; check the file's permissions or choose another path";
        }
        if (f instanceof NotDirectoryException) {
            return file + ": not a directory; pass a directory";
        }
        return file + ": " + f.getClass().getSimpleName() + "; check the path";
    }

    private static String unexpected(Throwable e) {
        return "unexpected " + e.getClass().getName() + " (a bug: please report it with the stack trace above)";
    }
}
