package io.trailwarden.finding;

/** Where findings go: a first line when one fires, an updated line when merged repeats close its window. */
public interface FindingSink {
    void accept(Finding finding, boolean update);
}
