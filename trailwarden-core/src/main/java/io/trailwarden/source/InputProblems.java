package io.trailwarden.source;

/** Where decoding reports what it could not read. Implementations must be thread-safe. */
public interface InputProblems {

    /** A file that could not be read whole: the records before {@code position} were kept. */
    void malformedFile(String path, String position, String error);

    /** One record that was skipped (no parseable eventTime, or not a JSON object). */
    void skippedRecord(String path, String position, String error);
}
