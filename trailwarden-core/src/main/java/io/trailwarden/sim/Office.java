package io.trailwarden.sim;

/** An office: its country, UTC offset in hours, and the NAT addresses its people share. */
record Office(String name, String country, double utcOffset, Net net, String[] natIps) {
}
