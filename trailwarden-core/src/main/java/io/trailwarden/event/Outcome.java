package io.trailwarden.event;

/** How a call ended, as DETECTIONS.md defines it. */
public enum Outcome {
    SUCCESS, DENIED, FAILED
}
