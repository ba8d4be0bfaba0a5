package io.trailwarden.source;

import java.nio.file.Path;

/**
 * One file to read.
 *
 * @param path      the file, or null for standard input
 * @param display   how the file is named in messages
 * @param orderTime the time it is ordered by: the timestamp in a CloudTrail file name, else its first
 *                  event's time, else {@link Long#MAX_VALUE}
 * @param size      bytes on disk, 0 when unknown
 */
public record InputFile(Path path, String display, long orderTime, long size) {

    public static InputFile stdin() {
        return new InputFile(null, "<stdin>", Long.MAX_VALUE, 0);
    }

    public boolean isStdin() {
        return path == null;
    }
}
